using System.Globalization;
using System.Text.Json;
using Quartz;

namespace MusicSite.Jobs.History;

/// <summary>The one thing a job works on, when it works on one: a track or a stem, read from the job's data.</summary>
public sealed record JobSubject(string Type, int Id)
{
    public const string Track = "track";
    public const string Stem = "stem";

    public static bool IsKnownType(string? type) => type is Track or Stem;

    /// <summary>The subject named by a job's data (<see cref="TrackProcessingQueue.TrackIdKey"/> or
    /// <see cref="StemProcessingQueue.StemIdKey"/>); null for any other job.</summary>
    public static JobSubject? Of(JobDataMap data) =>
        IdOf(data, StemProcessingQueue.StemIdKey) is { } stem ? new JobSubject(Stem, stem)
        : IdOf(data, TrackProcessingQueue.TrackIdKey) is { } track ? new JobSubject(Track, track)
        : null;

    /// <summary>An id from job data; it comes back as a JSON element from the persistent store.</summary>
    public static int? IdOf(JobDataMap data, string key)
    {
        if (!data.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt32(out var id) => id,
            JsonElement { ValueKind: JsonValueKind.String } json when int.TryParse(json.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
            JsonElement => null,
            IConvertible convertible => TryConvert(convertible),
            _ => null,
        };
    }

    private static int? TryConvert(IConvertible value)
    {
        try
        {
            return value.ToInt32(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    public override string ToString() => $"{Type} {Id}";
}

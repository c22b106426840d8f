using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MusicSite.Admin.Backups;

/// <summary>
/// The one rule for backup names: the UTC moment the backup began, as <c>yyyyMMdd'T'HHmmssfff'Z'</c>
/// (e.g. <c>20261130T031500042Z</c>). Anything else (dots, slashes, other lengths) is no backup name, so a name
/// from a request can never point outside the backups folder.
/// </summary>
public static class BackupName
{
    private const string Format = "yyyyMMdd'T'HHmmssfff'Z'";
    public const int Length = 19;

    /// <summary>A folder being written has this prefix until it is renamed to its name.</summary>
    public const string PartialPrefix = ".partial-";

    public static string For(DateTimeOffset utc) => utc.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse([NotNullWhen(true)] string? name, out DateTime createdAtUtc)
    {
        createdAtUtc = default;
        if (name is not { Length: Length } || !name.All(c => char.IsAsciiDigit(c) || c is 'T' or 'Z'))
        {
            return false;
        }
        if (!DateTime.TryParseExact(name, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }
        createdAtUtc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        return true;
    }

    public static bool IsValid([NotNullWhen(true)] string? name) => TryParse(name, out _);
}

namespace MusicSite.Catalog;

/// <summary>A length range people pick instead of typing seconds: from <see cref="FromSeconds"/> (inclusive) to
/// <see cref="ToSeconds"/> (exclusive); null means open.</summary>
public sealed record DurationPreset(string Value, string Label, double? FromSeconds, double? ToSeconds)
{
    public static IReadOnlyList<DurationPreset> All { get; } =
    [
        new("under-2", "Under 2 min", null, 120),
        new("2-5", "2–5 min", 120, 300),
        new("5-10", "5–10 min", 300, 600),
        new("over-10", "Over 10 min", 600, null),
    ];

    public static DurationPreset? Find(string? value) =>
        All.FirstOrDefault(p => string.Equals(p.Value, value, StringComparison.OrdinalIgnoreCase));

    public bool Contains(double seconds) => (FromSeconds is not { } from || seconds >= from) && (ToSeconds is not { } to || seconds < to);
}

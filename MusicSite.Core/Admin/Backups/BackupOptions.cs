namespace MusicSite.Admin.Backups;

/// <summary>Settings of the "Backups" section: the daily schedule, retention and when the health check calls
/// the newest backup too old.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backups";

    /// <summary>How many backups are kept; after each new one the oldest beyond this number are removed.</summary>
    public int Keep { get; set; } = 7;

    /// <summary>The hour (UTC, 0 to 23) of the daily backup; -1 turns the daily backup off.</summary>
    public int DailyHourUtc { get; set; } = 3;

    /// <summary>The health check reports Degraded when the newest backup is older than this.</summary>
    public int MaxAgeHours { get; set; } = 48;

    public bool DailyEnabled => DailyHourUtc is >= 0 and <= 23;

    /// <summary>At least one backup is always kept, whatever the setting says.</summary>
    public int EffectiveKeep => Math.Max(1, Keep);
}

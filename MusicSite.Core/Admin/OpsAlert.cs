using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Admin;

/// <summary>
/// The state of one warning (<see cref="Key"/>, e.g. "disk"): raised when its figure crossed the limit, mailed once
/// to the admins, cleared when the figure is back under. Crossing again after a clear starts a new raise (and a new
/// mail). Stored so that a restart, or another node, does not mail the same warning again.
/// </summary>
public sealed class OpsAlert
{
    public const int KeyMaxLength = 40;

    public string Key { get; set; } = "";
    /// <summary>The figure when last checked while raised, and the threshold it crossed.</summary>
    public double Value { get; set; }
    public double Threshold { get; set; }
    public DateTime RaisedAt { get; set; }
    /// <summary>When the admins were mailed about this raise; null until then.</summary>
    public DateTime? MailedAt { get; set; }
    /// <summary>When the figure went back under the limit; null while raised.</summary>
    public DateTime? ClearedAt { get; set; }

    public bool IsRaised => ClearedAt is null;
}

internal sealed class OpsAlertConfiguration : IEntityTypeConfiguration<OpsAlert>
{
    public void Configure(EntityTypeBuilder<OpsAlert> builder)
    {
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(OpsAlert.KeyMaxLength);
        builder.Ignore(a => a.IsRaised);
    }
}

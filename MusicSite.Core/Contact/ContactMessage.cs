using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;

namespace MusicSite.Contact;

/// <summary>A message sent through the contact form, read in the admin inbox (never mailed on: the mail to
/// admins only says that one arrived).</summary>
public sealed class ContactMessage
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 256;
    public const int SubjectMaxLength = 200;
    public const int MessageMaxLength = 5000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Message { get; set; } = "";
    /// <summary>The signed-in sender, if any.</summary>
    public int? UserId { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? HandledAt { get; set; }
}

internal sealed class ContactMessageConfiguration : IEntityTypeConfiguration<ContactMessage>
{
    public void Configure(EntityTypeBuilder<ContactMessage> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(ContactMessage.NameMaxLength).IsRequired();
        builder.Property(m => m.Email).HasMaxLength(ContactMessage.EmailMaxLength).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(ContactMessage.SubjectMaxLength).IsRequired();
        builder.Property(m => m.Message).HasMaxLength(ContactMessage.MessageMaxLength).IsRequired();
        builder.Property(m => m.ClientAddress).HasMaxLength(64);
        builder.Property(m => m.UserAgent).HasMaxLength(Admin.AuditEntry.UserAgentMaxLength);
        builder.HasIndex(m => m.CreatedAt);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

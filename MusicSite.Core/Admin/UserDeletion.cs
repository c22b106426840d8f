using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Jobs;
using MusicSite.Media;

namespace MusicSite.Admin;

/// <summary>What happens to a deleted user's content: the admin chooses, there is no default.</summary>
public enum DeletedContent
{
    /// <summary>Tracks, albums, stems, comments and reviews stay, credited "Former member".</summary>
    Keep,
    /// <summary>Tracks, albums and stems are deleted (their files by the cleanup jobs), comments and reviews removed.</summary>
    Remove,
}

/// <summary>What a delete did: the choice ("keep" or "remove") and the counts the audit entry and the page's message give.</summary>
public sealed record UserDeletionReport(int UserId, string Content, int Tracks, int Albums, int Stems, int Comments, int Ratings);

/// <summary>
/// Deleting a user (docs/decisions/0038-deleting-users-and-auth-events.md). The account row stays, anonymised to
/// "Former member" with <see cref="AppUser.DeletedAt"/>: no email, no password, no logins, no roles, locked for good,
/// so it can never sign in, and its artist page is gone (<c>ArtistDirectory</c> counts no deleted account). What is
/// personal goes either way: likes, follows (both ways), notifications, preferences, share links, avatar and bio.
/// Every row changes in one transaction; files go after the commit: the tracks' and stems' through their cleanup jobs,
/// the album covers and the avatar at once.
/// </summary>
public sealed class UserDeletion(MusicSiteDbContext db, AuditLog audit, AdminGuard guard, TrackCleanupQueue trackCleanup,
    StemCleanupQueue stemCleanup, ArtworkStore artwork, IOptions<MusicSiteOptions> options, TimeProvider clock)
{
    public static string Name(DeletedContent content) => content == DeletedContent.Keep ? "keep" : "remove";

    /// <summary>"keep" or "remove" (any letter case); null for anything else.</summary>
    public static DeletedContent? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "keep" => DeletedContent.Keep,
        "remove" => DeletedContent.Remove,
        _ => null,
    };

    public async Task<ServiceResult<UserDeletionReport>> DeleteAsync(int id, DeletedContent content, AuditActor actor,
        CancellationToken cancellationToken)
    {
        if (actor.UserId == id)
        {
            return ServiceResult<UserDeletionReport>.Invalid("user", "You cannot delete your own account.", ErrorCodes.OwnAccount);
        }
        using var _ = await guard.EnterAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken);
        if (user is null)
        {
            return ServiceResult<UserDeletionReport>.Invalid("user", "No user has this id.", ErrorCodes.UserNotFound);
        }
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!)
            .ToListAsync(cancellationToken);
        if (roles.Contains(Roles.Admin) && !await guard.AnotherAdminAsync(id, cancellationToken))
        {
            return guard.LastAdmin<UserDeletionReport>("deleted");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = new { email = user.Email, displayName = user.DisplayName, roles = roles.Order(StringComparer.Ordinal).ToList() };
        var avatar = user.AvatarPath;
        List<int> trackIds, stemIds;
        List<string?> covers = [];
        UserDeletionReport report;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            trackIds = await db.Tracks.Where(t => t.UploaderId == id && t.DeletedAt == null).Select(t => t.Id).ToListAsync(cancellationToken);
            stemIds = await db.Stems.Where(s => (s.UploaderId == id || trackIds.Contains(s.TrackId)) && s.DeletedAt == null)
                .Select(s => s.Id).ToListAsync(cancellationToken);
            var albums = db.Albums.Where(a => a.OwnerId == id);
            var comments = db.TrackComments.Where(c => c.UserId == id);
            var ratings = db.Ratings.Where(r => r.UserId == id);
            if (content == DeletedContent.Remove)
            {
                await db.Tracks.Where(t => trackIds.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletedAt, now), cancellationToken);
                await TrackEditor.ForgetListenersAsync(db, trackIds, cancellationToken);
                await db.Stems.Where(s => stemIds.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, now), cancellationToken);
                covers = await albums.Select(a => a.ArtworkPath).ToListAsync(cancellationToken);
                report = new UserDeletionReport(id, Name(content), trackIds.Count, await albums.ExecuteDeleteAsync(cancellationToken), stemIds.Count,
                    await comments.ExecuteDeleteAsync(cancellationToken), await ratings.ExecuteDeleteAsync(cancellationToken));
                await db.ShareLinks.Where(l => trackIds.Contains(l.TrackId)).ExecuteDeleteAsync(cancellationToken);
                await db.Notifications.Where(n => n.ActorId == id).ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                await db.Tracks.Where(t => t.UploaderId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ArtistName, AppUser.FormerMemberName), cancellationToken);
                report = new UserDeletionReport(id, Name(content), trackIds.Count,
                    await albums.ExecuteUpdateAsync(s => s.SetProperty(a => a.ArtistName, AppUser.FormerMemberName), cancellationToken),
                    stemIds.Count, await comments.CountAsync(cancellationToken), await ratings.CountAsync(cancellationToken));
            }
            await ForgetPersonalAsync(id, cancellationToken);
            Anonymise(user, now);
            audit.Record(actor, "user.delete", "User", id, before, new
            {
                content = Name(content), tracks = report.Tracks, albums = report.Albums, stems = report.Stems,
                comments = report.Comments, ratings = report.Ratings,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (avatar is not null)
        {
            File.Delete(options.Value.Paths.MediaPath(avatar));
        }
        foreach (var cover in covers)
        {
            artwork.Delete(cover);
        }
        foreach (var trackId in trackIds.Where(_ => content == DeletedContent.Remove))
        {
            await trackCleanup.EnqueueAsync(trackId, cancellationToken);
        }
        foreach (var stemId in stemIds.Where(_ => content == DeletedContent.Remove))
        {
            await stemCleanup.EnqueueAsync(stemId, cancellationToken);
        }
        return ServiceResult<UserDeletionReport>.Ok(report);
    }

    /// <summary>What is the person's own and not content: it goes whatever the admin chose.</summary>
    private async Task ForgetPersonalAsync(int id, CancellationToken cancellationToken)
    {
        await db.TrackLikes.Where(l => l.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ArtistFollows.Where(f => f.FollowerId == id || f.ArtistId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Notifications.Where(n => n.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ShareLinks.Where(l => l.CreatedById == id).ExecuteDeleteAsync(cancellationToken);
        await db.NotificationMailChoices.Where(c => c.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserPreferences.Where(p => p.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.RetiredArtistSlugs.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
    }

    private static void Anonymise(AppUser user, DateTime now)
    {
        user.Email = null;
        user.NormalizedEmail = null;
        user.EmailConfirmed = false;
        user.UserName = $"former-member-{user.Id}";
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        user.DisplayName = AppUser.FormerMemberName;
        user.Bio = null;
        user.AvatarPath = null;
        user.ArtistSlug = null;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.TwoFactorEnabled = false;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.LockoutEnabled = true;
        user.LockoutEnd = UserAdministration.Indefinitely;
        user.DeletedAt = now;
    }
}

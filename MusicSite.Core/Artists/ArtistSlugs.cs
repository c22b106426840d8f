using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Artists;

/// <summary>What an artist slug in an address leads to: the account, its current slug, and whether the address
/// used that slug as it is (false for a retired slug or another spelling, which redirect).</summary>
public sealed record ArtistSlugMatch(int UserId, string CurrentSlug, bool IsCurrent);

/// <summary>
/// The one owner of artist slugs: made from the display name (<see cref="Slug.From"/>) when first needed, unique
/// (a taken slug gets "-2", "-3" … in order), stable while the name keeps the same slug, and changed by a rename
/// that gives the name a different one. A changed slug is kept as retired: it redirects, and nobody else gets it.
/// </summary>
public sealed class ArtistSlugs(MusicSiteDbContext db, TimeProvider clock)
{
    private const int Attempts = 5;

    /// <summary>The account's slug, made and stored now when it has none. Null for an unknown account.</summary>
    public async Task<string?> EnsureAsync(int userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.ArtistSlug, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
            if (user is null || user.ArtistSlug is not null)
            {
                return user?.ArtistSlug;
            }
            var slug = await FreeAsync(BaseOf(user.DisplayName, userId), userId, cancellationToken);
            try
            {
                // Only if still unset: a second request making the same account's slug at once keeps the first one's.
                await db.Users.Where(u => u.Id == userId && u.ArtistSlug == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.ArtistSlug, slug), cancellationToken);
            }
            catch (DbException) when (attempt < Attempts)
            {
                // Another account took the same slug between the check and the write (unique index): pick again.
            }
        }
    }

    /// <summary>After a display name change: a new slug when the new name makes a different one, with the old
    /// one retired. An account without a slug keeps none until it is needed.</summary>
    public async Task RenameAsync(int userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.ArtistSlug, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
            if (user?.ArtistSlug is not { } current)
            {
                return;
            }
            var wanted = BaseOf(user.DisplayName, userId);
            if (IsMadeFrom(current, wanted))
            {
                return;
            }
            var next = await FreeAsync(wanted, userId, cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Coming back to a slug this account had before takes it out of the retired ones.
                await db.RetiredArtistSlugs.Where(s => s.Slug == next && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
                db.RetiredArtistSlugs.Add(new RetiredArtistSlug { Slug = current, UserId = userId, RetiredAt = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(cancellationToken);
                await db.Users.Where(u => u.Id == userId && u.ArtistSlug == current)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.ArtistSlug, next), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The account an address's slug names, by its current slug, a retired one, or another letter case.</summary>
    public async Task<ArtistSlugMatch?> ResolveAsync(string? slug, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > AppUser.ArtistSlugMaxLength)
        {
            return null;
        }
        var key = slug.ToLowerInvariant();
        var current = await db.Users.AsNoTracking().Where(u => u.ArtistSlug == key).Select(u => new { u.Id, u.ArtistSlug })
            .FirstOrDefaultAsync(cancellationToken);
        if (current is not null)
        {
            return new ArtistSlugMatch(current.Id, current.ArtistSlug!, IsCurrent: key == slug);
        }
        var retired = await db.RetiredArtistSlugs.AsNoTracking().Where(s => s.Slug == key)
            .Select(s => new { s.UserId, Current = db.Users.Where(u => u.Id == s.UserId).Select(u => u.ArtistSlug).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return retired?.Current is { } now ? new ArtistSlugMatch(retired.UserId, now, IsCurrent: false) : null;
    }

    /// <summary>The slug a display name asks for; a name with no letters or digits in a-z/0-9 gets "artist-{id}".</summary>
    public static string BaseOf(string displayName, int userId)
    {
        // Room for a "-NNNN" suffix within the column.
        var slug = Slug.From(displayName);
        slug = slug.Length > AppUser.ArtistSlugMaxLength - 6 ? slug[..(AppUser.ArtistSlugMaxLength - 6)].TrimEnd('-') : slug;
        return slug.Length > 0 ? slug : "artist-" + userId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="slug"/> is <paramref name="wanted"/> itself or it with a number added.</summary>
    private static bool IsMadeFrom(string slug, string wanted) =>
        slug == wanted || (slug.StartsWith(wanted + "-", StringComparison.Ordinal)
                           && int.TryParse(slug.AsSpan(wanted.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2);

    /// <summary>The first of wanted, wanted-2, wanted-3 … that no other account has now or had before.</summary>
    private async Task<string> FreeAsync(string wanted, int userId, CancellationToken cancellationToken)
    {
        var prefix = wanted + "-";
        var taken = (await db.Users.Where(u => u.Id != userId && (u.ArtistSlug == wanted || u.ArtistSlug!.StartsWith(prefix)))
                .Select(u => u.ArtistSlug!).ToListAsync(cancellationToken))
            .Concat(await db.RetiredArtistSlugs.Where(s => s.UserId != userId && (s.Slug == wanted || s.Slug.StartsWith(prefix)))
                .Select(s => s.Slug).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(wanted))
        {
            return wanted;
        }
        for (var n = 2; ; n++)
        {
            var candidate = prefix + n.ToString(CultureInfo.InvariantCulture);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Admin;

/// <summary>A search over the accounts; every part is optional. <see cref="Locked"/>: only locked (true) or only
/// unlocked (false) accounts.</summary>
public sealed record UserSearch(string? Text = null, string? Role = null, bool? Locked = null);

/// <summary>An account as the admin pages show it. <see cref="LockedUntil"/> is set while it is locked;
/// <see cref="UserAdministration.Indefinitely"/> means until an admin unlocks it.</summary>
public sealed record UserSummary(int Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool EmailConfirmed,
    DateTime CreatedAt, DateTimeOffset? LockedUntil)
{
    public bool IsLocked => LockedUntil is not null;
    public bool IsLockedIndefinitely => LockedUntil == UserAdministration.Indefinitely;
}

/// <summary>What an account has made: the delete confirmation says what keeping or removing it means.</summary>
public sealed record UserHoldings(int Tracks, int Albums, int Stems, int Comments, int Ratings);

public sealed record UserDetail(UserSummary User, UserHoldings Holdings);

/// <summary>
/// The admin's user management: search, roles, lock and unlock (deleting is <see cref="UserDeletion"/>). Every change
/// goes through <see cref="UserManager{TUser}"/> with a new security stamp, so refresh tokens stop working and signed-in
/// cookies are checked again; every change is audited with the values before and after. The one rule that the site
/// keeps an admin who can sign in is <see cref="AdminGuard"/>.
/// </summary>
public sealed class UserAdministration(MusicSiteDbContext db, UserManager<AppUser> users, AuditLog audit, AdminGuard guard,
    TimeProvider clock)
{
    /// <summary>The lock end of a lock without an end date.</summary>
    public static readonly DateTimeOffset Indefinitely = DateTimeOffset.MaxValue;

    public async Task<(IReadOnlyList<UserSummary> Items, int Total)> SearchAsync(UserSearch search, int page, int limit,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var accounts = db.Users.AsNoTracking().Where(u => u.DeletedAt == null);
        if (QueryValues.Text(search.Text) is { } text)
        {
            var upper = text.ToUpperInvariant();
            accounts = accounts.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToUpper().Contains(upper));
        }
        if (search.Role is { } role)
        {
            var roleIds = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
            accounts = accounts.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }
        if (search.Locked is { } locked)
        {
            var lockedIds = LockedIds(now);
            accounts = locked ? accounts.Where(u => lockedIds.Contains(u.Id)) : accounts.Where(u => !lockedIds.Contains(u.Id));
        }
        var total = await accounts.CountAsync(cancellationToken);
        var rows = await accounts.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit).ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(rows.Select(u => u.Id).ToList(), cancellationToken);
        return (rows.Select(u => Summary(u, roles.GetValueOrDefault(u.Id, []), now)).ToList(), total);
    }

    /// <summary>One account that is not deleted, with what it has made; null when there is none.</summary>
    public async Task<UserDetail?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var roles = await RolesOfAsync([id], cancellationToken);
        var holdings = new UserHoldings(
            await db.Tracks.CountAsync(t => t.UploaderId == id && t.DeletedAt == null, cancellationToken),
            await db.Albums.CountAsync(a => a.OwnerId == id, cancellationToken),
            await db.Stems.CountAsync(s => s.UploaderId == id && s.DeletedAt == null, cancellationToken),
            await db.TrackComments.CountAsync(c => c.UserId == id, cancellationToken),
            await db.Ratings.CountAsync(r => r.UserId == id, cancellationToken));
        return new UserDetail(Summary(user, roles.GetValueOrDefault(id, []), clock.GetUtcNow()), holdings);
    }

    /// <summary>Gives the account exactly <paramref name="wanted"/> (one or more of <see cref="Roles.All"/>).</summary>
    public async Task<ServiceResult<UserSummary>> SetRolesAsync(int id, IReadOnlyCollection<string>? wanted, AuditActor actor,
        CancellationToken cancellationToken)
    {
        var chosen = (wanted ?? []).Select(r => Roles.All.FirstOrDefault(known => string.Equals(known, r?.Trim(), StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (chosen.Count == 0 || chosen.Any(r => r is null))
        {
            return ServiceResult<UserSummary>.Invalid("roles", $"Choose one or more of the roles {string.Join(", ", Roles.All)}.");
        }
        var next = chosen.Distinct().Order(StringComparer.Ordinal).Select(r => r!).ToList();
        using var _ = await guard.EnterAsync(cancellationToken);
        if (await LiveUserAsync(id, cancellationToken) is not { } user)
        {
            return NotFound();
        }
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (before.Contains(Roles.Admin) && !next.Contains(Roles.Admin) && !await guard.AnotherAdminAsync(id, cancellationToken))
        {
            return guard.LastAdmin<UserSummary>("demoted");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = before.Except(next).ToList();
        var added = next.Except(before).ToList();
        if ((removed.Count > 0 && !(await users.RemoveFromRolesAsync(user, removed)).Succeeded)
            || (added.Count > 0 && !(await users.AddToRolesAsync(user, added)).Succeeded))
        {
            return Conflict();
        }
        audit.Record(actor, "user.roles", "User", id, new { roles = before }, new { roles = next });
        if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return Conflict();
        }
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<UserSummary>.Ok(Summary(user, next, clock.GetUtcNow()));
    }

    /// <summary>Locks the account until <paramref name="until"/> (UTC, in the future) or, when null, until an admin unlocks it.</summary>
    public async Task<ServiceResult<UserSummary>> LockAsync(int id, DateTimeOffset? until, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (until is { } end && end <= now)
        {
            return ServiceResult<UserSummary>.Invalid("until", "Choose a lock end in the future, or no end to lock until unlocked.");
        }
        if (actor.UserId == id)
        {
            return ServiceResult<UserSummary>.Invalid("user", "You cannot lock your own account.", ErrorCodes.OwnAccount);
        }
        using var _ = await guard.EnterAsync(cancellationToken);
        if (await LiveUserAsync(id, cancellationToken) is not { } user)
        {
            return NotFound();
        }
        var roles = await users.GetRolesAsync(user);
        if (roles.Contains(Roles.Admin) && !await guard.AnotherAdminAsync(id, cancellationToken))
        {
            return guard.LastAdmin<UserSummary>("locked");
        }
        var before = LockState(user, now);
        user.LockoutEnabled = true;
        user.LockoutEnd = until?.ToUniversalTime() ?? Indefinitely;
        audit.Record(actor, "user.lock", "User", id, before, LockState(user, now));
        // The new stamp saves the lock and its audit entry together, and ends the account's sessions.
        if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return Conflict();
        }
        return ServiceResult<UserSummary>.Ok(Summary(user, roles.ToList(), now));
    }

    public async Task<ServiceResult<UserSummary>> UnlockAsync(int id, AuditActor actor, CancellationToken cancellationToken)
    {
        if (await LiveUserAsync(id, cancellationToken) is not { } user)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        var before = LockState(user, now);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Record(actor, "user.unlock", "User", id, before, LockState(user, now));
        if (!(await users.UpdateAsync(user)).Succeeded)
        {
            return Conflict();
        }
        return ServiceResult<UserSummary>.Ok(Summary(user, (await users.GetRolesAsync(user)).ToList(), now));
    }

    /// <summary>When the account's lock ends, or null when it is not locked.</summary>
    public static DateTimeOffset? LockedUntil(AppUser user, DateTimeOffset now) =>
        user.LockoutEnabled && user.LockoutEnd is { } end && end > now ? end : null;

    private static object LockState(AppUser user, DateTimeOffset now) => LockedUntil(user, now) switch
    {
        null => new { locked = false, until = (DateTime?)null },
        { } end when end == Indefinitely => new { locked = true, until = (DateTime?)null },
        { } end => new { locked = true, until = (DateTime?)end.UtcDateTime },
    };

    /// <summary>The ids of locked accounts, compared in SQL as text: SQLite keeps no offset-aware times, and every lock
    /// end the site writes is UTC (+00:00), so the text order is the time order.</summary>
    private IQueryable<int> LockedIds(DateTimeOffset now)
    {
        var at = now.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
        return db.Database.SqlQuery<int>(
            $"SELECT \"Id\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"LockoutEnabled\" = 1 AND \"LockoutEnd\" IS NOT NULL AND \"LockoutEnd\" > {at}");
    }

    private Task<AppUser?> LiveUserAsync(int id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken);

    private async Task<Dictionary<int, List<string>>> RolesOfAsync(List<int> ids, CancellationToken cancellationToken) =>
        (await (from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where ids.Contains(ur.UserId)
                select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
        .GroupBy(x => x.UserId)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order(StringComparer.Ordinal).ToList());

    private static UserSummary Summary(AppUser user, IReadOnlyList<string> roles, DateTimeOffset now) =>
        new(user.Id, user.Email ?? "", user.DisplayName, roles, user.EmailConfirmed, user.CreatedAt, LockedUntil(user, now));

    private static ServiceResult<UserSummary> NotFound() =>
        ServiceResult<UserSummary>.Invalid("user", "No user has this id.", ErrorCodes.UserNotFound);

    private static ServiceResult<UserSummary> Conflict() =>
        ServiceResult<UserSummary>.Invalid("user", "The account was changed by another request at the same moment. Try again.",
            ErrorCodes.EditConflict);
}

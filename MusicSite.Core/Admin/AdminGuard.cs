using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Admin;

/// <summary>
/// The one rule that the site always keeps an admin who can sign in: the last such admin is never demoted, locked or
/// deleted (LAST_ADMIN). The changes that could break the rule run one at a time (the site is one process), so two
/// admins demoting each other at the same moment cannot both succeed.
/// </summary>
public sealed class AdminGuard(MusicSiteDbContext db, TimeProvider clock)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Holds the gate until the returned value is disposed.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        return new Release();
    }

    /// <summary>Whether an admin other than <paramref name="userId"/> exists who is not deleted and not locked.</summary>
    public async Task<bool> AnotherAdminAsync(int userId, CancellationToken cancellationToken)
    {
        var adminRole = db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id);
        // Admins are few: their lock state is read here rather than compared in SQL (SQLite keeps no offset-aware times).
        var others = await db.Users.AsNoTracking()
            .Where(u => u.Id != userId && u.DeletedAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && adminRole.Contains(ur.RoleId)))
            .Select(u => new { u.LockoutEnabled, u.LockoutEnd }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return others.Any(u => !u.LockoutEnabled || u.LockoutEnd is null || u.LockoutEnd <= now);
    }

    /// <summary>The refusal, worded for what was tried ("demoted", "locked", "deleted").</summary>
    public ServiceResult<T> LastAdmin<T>(string change) =>
        ServiceResult<T>.Invalid("user", $"This is the last admin who can sign in: it cannot be {change}. Make another account an admin first.",
            ErrorCodes.LastAdmin);

    private sealed class Release : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Gate.Release();
            }
        }
    }
}

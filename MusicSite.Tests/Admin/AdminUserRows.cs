using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Admin;
using MusicSite.Data;

namespace MusicSite.Tests.Admin;

/// <summary>Reads a site's accounts and audit log straight from its database, for the admin user tests.</summary>
public sealed class AdminUserRows(IServiceProvider services)
{
    public async Task<T> WithDbAsync<T>(Func<MusicSiteDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
    }

    public Task<int> IdOfAsync(string email) =>
        WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

    /// <summary>The newest audit entry with <paramref name="action"/> about user <paramref name="userId"/> (null: any).</summary>
    public Task<AuditEntry?> LastAsync(string action, int? userId = null) =>
        WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == action && (userId == null || e.EntityId == userId.ToString()))
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync());

    public Task<int> CountAsync(string action) => WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action));

    public static JsonElement Json(string? text) => JsonDocument.Parse(text ?? "null").RootElement.Clone();
}

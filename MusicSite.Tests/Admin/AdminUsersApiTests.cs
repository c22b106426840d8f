using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Admin;

/// <summary>/api/admin/users: search and paging, roles, lock and unlock, the last-admin and own-account refusals, and an
/// audit entry with the values before and after, the caller's address and user agent for each change.</summary>
public sealed class AdminUsersApiTests(AdminUsersApiTests.AdminSite site) : IClassFixture<AdminUsersApiTests.AdminSite>
{
    public sealed class AdminSite : MusicSiteFactory
    {
        public AdminSite() => this.WithAdmin();
    }

    private readonly AdminUserRows rows = new(site.Services);

    private async Task<HttpClient> AdminAsync()
    {
        var admin = TestClientAddress.From(await site.AdminClientAsync(), "198.51.100.40");
        admin.DefaultRequestHeaders.UserAgent.ParseAdd("AdminBrowser/3.0");
        return admin;
    }

    private async Task<(int Id, string Email)> RegisterAsync(string prefix, string? accountType = null)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email, displayName: $"{prefix} person", accountType: accountType)).StatusCode);
        return (await rows.IdOfAsync(email), email);
    }

    [Fact]
    public async Task List_SearchRoleAndLockedFilters_PageTheMatches()
    {
        var admin = await AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync($"find{tag}", i == 0 ? "Artist" : null);
        }

        var page1 = await (await admin.GetAsync($"/api/admin/users?search=FIND{tag}&limit=2")).JsonAsync();
        var page2 = await (await admin.GetAsync($"/api/admin/users?search=find{tag}&limit=2&page=2")).JsonAsync();
        var artists = await (await admin.GetAsync($"/api/admin/users?search=find{tag}&role=artist")).JsonAsync();
        var locked = await (await admin.GetAsync($"/api/admin/users?search=find{tag}&locked=true")).JsonAsync();

        Assert.Equal(3, page1.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("data").GetArrayLength());
        Assert.Single(page2.GetProperty("data").EnumerateArray());
        Assert.True(page1.GetProperty("meta").GetProperty("hasNext").GetBoolean());
        Assert.Equal(["Artist"], artists.GetProperty("data")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
        Assert.Equal(1, artists.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(0, locked.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("role=Superuser", "role")]
    [InlineData("locked=maybe", "locked")]
    [InlineData("limit=0", "limit")]
    public async Task List_BadFilter_Is400WithTheField(string query, string field)
    {
        var problem = await (await (await AdminAsync()).GetAsync($"/api/admin/users?{query}")).ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Get_UnknownId_Is404UserNotFound() =>
        await (await (await AdminAsync()).GetAsync("/api/admin/users/999999")).ProblemAsync(404, "USER_NOT_FOUND");

    [Fact]
    public async Task SetRoles_Admin_ChangesRolesEndsRefreshTokensAndAuditsOldAndNew()
    {
        var admin = await AdminAsync();
        var (id, email) = await RegisterAsync("promote");
        var refresh = (await site.CreateClient().LoginAsync(email)).GetProperty("refreshToken").GetString();

        var response = await admin.PutAsJsonAsync($"/api/admin/users/{id}/roles", new { roles = new[] { "Artist", "Listener" } });

        var user = await response.JsonAsync();
        Assert.Equal(["Artist", "Listener"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!));
        var entry = await rows.LastAsync("user.roles", id);
        Assert.NotNull(entry);
        Assert.Equal("""{"roles":["Listener"]}""", entry.Before);
        Assert.Equal("""{"roles":["Artist","Listener"]}""", entry.After);
        Assert.Equal("198.51.100.40", entry.ClientAddress);
        Assert.Equal("AdminBrowser/3.0", entry.UserAgent);
        Assert.NotNull(entry.ActorId);
        var refreshed = await site.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh });
        await refreshed.ProblemAsync(401, "INVALID_REFRESH_TOKEN");
    }

    [Theory]
    [InlineData("""{"roles":[]}""")]
    [InlineData("""{"roles":["Owner"]}""")]
    [InlineData("""{"roles":"Admin"}""")]
    [InlineData("""[1]""")]
    public async Task SetRoles_BadBody_Is400(string body)
    {
        var (id, _) = await RegisterAsync("badroles");
        var response = await (await AdminAsync()).PutAsync($"/api/admin/users/{id}/roles",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task LockThenUnlock_Admin_BothAuditedAndTheLockShows()
    {
        var admin = await AdminAsync();
        var (id, _) = await RegisterAsync("lockme");
        var until = DateTimeOffset.UtcNow.AddDays(3);

        var locked = await (await admin.PostAsJsonAsync($"/api/admin/users/{id}/lock", new { until })).JsonAsync();
        var listed = await (await admin.GetAsync($"/api/admin/users?locked=true&limit=100")).JsonAsync();
        var unlocked = await (await admin.PostAsync($"/api/admin/users/{id}/unlock", null)).JsonAsync();

        Assert.True(locked.GetProperty("locked").GetBoolean());
        Assert.False(locked.GetProperty("lockedIndefinitely").GetBoolean());
        Assert.Contains(listed.GetProperty("data").EnumerateArray(), u => u.GetProperty("id").GetInt32() == id);
        Assert.False(unlocked.GetProperty("locked").GetBoolean());
        var lockEntry = await rows.LastAsync("user.lock", id);
        Assert.Equal("""{"locked":false,"until":null}""", lockEntry!.Before);
        Assert.True(AdminUserRows.Json(lockEntry.After).GetProperty("locked").GetBoolean());
        var unlockEntry = await rows.LastAsync("user.unlock", id);
        Assert.Equal("""{"locked":false,"until":null}""", unlockEntry!.After);
    }

    [Fact]
    public async Task Lock_NoBody_LocksIndefinitely_PastDateIs400()
    {
        var admin = await AdminAsync();
        var (id, _) = await RegisterAsync("forever");

        var past = await admin.PostAsJsonAsync($"/api/admin/users/{id}/lock", new { until = DateTimeOffset.UtcNow.AddDays(-1) });
        var locked = await (await admin.PostAsync($"/api/admin/users/{id}/lock", null)).JsonAsync();

        await past.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(locked.GetProperty("lockedIndefinitely").GetBoolean());
        Assert.Equal(JsonValueKindNull, locked.GetProperty("lockedUntil").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task LastAdmin_DemoteLockDelete_Are409AndNothingChanges()
    {
        var admin = await AdminAsync();
        var adminId = await rows.IdOfAsync(TrackUploads.AdminEmail);
        Task<int> AuditedAboutAdminAsync() =>
            rows.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("user.") && e.EntityId == adminId.ToString()));
        var audited = await AuditedAboutAdminAsync();

        var demote = await admin.PutAsJsonAsync($"/api/admin/users/{adminId}/roles", new { roles = new[] { "Listener" } });

        var problem = await demote.ProblemAsync(409, "LAST_ADMIN");
        Assert.Contains("last admin", problem.GetProperty("title").GetString());
        // Locking and deleting oneself are refused before the last-admin rule: the admin is told it is their own account.
        await (await admin.PostAsync($"/api/admin/users/{adminId}/lock", null)).ProblemAsync(409, "OWN_ACCOUNT");
        await (await admin.DeleteAsync($"/api/admin/users/{adminId}?content=keep")).ProblemAsync(409, "OWN_ACCOUNT");
        var roles = await (await admin.GetAsync($"/api/admin/users/{adminId}")).JsonAsync();
        Assert.Contains("Admin", roles.GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(audited, await AuditedAboutAdminAsync());
    }

    [Fact]
    public async Task LastAdmin_SecondAdminLockedOrDemoted_TheOtherAdminIsProtected()
    {
        var admin = await AdminAsync();
        var adminId = await rows.IdOfAsync(TrackUploads.AdminEmail);
        var (otherId, _) = await RegisterAsync("second-admin");
        Assert.True((await admin.PutAsJsonAsync($"/api/admin/users/{otherId}/roles", new { roles = new[] { "Admin" } })).IsSuccessStatusCode);

        // With two admins, one may be locked; then the unlocked one is the last who can sign in.
        var lockOther = await admin.PostAsync($"/api/admin/users/{otherId}/lock", null);
        var demoteSelf = await admin.PutAsJsonAsync($"/api/admin/users/{adminId}/roles", new { roles = new[] { "Listener" } });
        await admin.PostAsync($"/api/admin/users/{otherId}/unlock", null);
        var demoteOther = await admin.PutAsJsonAsync($"/api/admin/users/{otherId}/roles", new { roles = new[] { "Listener" } });

        Assert.Equal(200, (int)lockOther.StatusCode);
        await demoteSelf.ProblemAsync(409, "LAST_ADMIN");
        Assert.Equal(200, (int)demoteOther.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?content=")]
    [InlineData("?content=maybe")]
    public async Task Delete_WithoutContentChoice_Is400AndTheUserStays(string query)
    {
        var (id, _) = await RegisterAsync("nochoice");

        var response = await (await AdminAsync()).DeleteAsync($"/api/admin/users/{id}{query}");

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("content", out _));
        Assert.Equal(200, (int)(await (await AdminAsync()).GetAsync($"/api/admin/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task Writes_NonAdmin403_Anonymous401()
    {
        var (id, email) = await RegisterAsync("target");
        var listener = await site.SignedInClientAsync($"nosy-{Guid.NewGuid():N}@example.com");

        await (await listener.PostAsync($"/api/admin/users/{id}/lock", null)).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await site.CreateClient().DeleteAsync($"/api/admin/users/{id}?content=remove")).ProblemAsync(401, "UNAUTHORIZED");
        Assert.Equal(200, (int)(await site.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "Passw0rdOk" })).StatusCode);
    }
}

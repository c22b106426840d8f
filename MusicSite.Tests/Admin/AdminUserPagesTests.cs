using MusicSite.Admin;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Admin;

/// <summary>The admin user and audit pages as a browser without JavaScript uses them: GET search forms, role, lock and
/// delete forms that post and redirect with a message, the last-admin refusal on the page, and the audit filters.</summary>
public sealed class AdminUserPagesTests(AdminUsersApiTests.AdminSite site) : IClassFixture<AdminUsersApiTests.AdminSite>
{
    private readonly AdminUserRows rows = new(site.Services);

    private Task<HttpClient> AdminAsync() => site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

    private async Task<(int Id, string Email)> RegisterAsync(string prefix)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email, displayName: $"{prefix} page person")).StatusCode);
        return (await rows.IdOfAsync(email), email);
    }

    [Fact]
    public async Task UsersPage_Search_ListsTheMatchWithALinkToItsPage()
    {
        var (id, email) = await RegisterAsync("pagesearch");
        var admin = await AdminAsync();

        var page = await admin.PageAsync($"/admin/users?search={Uri.EscapeDataString(email)}&role=Listener&locked=false");

        Assert.Equal("1 account found.", page.QuerySelector("[data-testid=user-count]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"[data-testid=user-table] a[href='/admin/users/{id}']"));
        var bad = await admin.PageAsync("/admin/users?role=Wizard");
        Assert.Contains("role must be one of", bad.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task UserPage_RolesAndLockForms_PostRedirectWithMessageAndAudit()
    {
        var (id, _) = await RegisterAsync("pageforms");
        var admin = await AdminAsync();

        var roles = await admin.PostNamedFormAsync($"/admin/users/{id}", "user-roles", [new("roles", "Listener"), new("roles", "Artist")]);
        var locked = await admin.PostNamedFormAsync($"/admin/users/{id}", "user-lock", [new("until", DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"))]);
        var page = await admin.PageAsync($"/admin/users/{id}?done=locked");

        Assert.Equal($"/admin/users/{id}?done=roles", roles.Headers.Location?.PathAndQuery);
        Assert.Equal($"/admin/users/{id}?done=locked", locked.Headers.Location?.PathAndQuery);
        Assert.StartsWith("Locked until", page.QuerySelector("[data-testid=user-state]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=user-done]"));
        Assert.Equal("""{"roles":["Artist","Listener"]}""", (await rows.LastAsync("user.roles", id))!.After);
        Assert.NotNull(await rows.LastAsync("user.lock", id));
    }

    [Fact]
    public async Task UserPage_DemoteTheLastAdmin_ShowsTheRefusal()
    {
        var adminId = await rows.IdOfAsync(TrackUploads.AdminEmail);
        var admin = await AdminAsync();

        var response = await admin.PostNamedFormAsync($"/admin/users/{adminId}", "user-roles", [new("roles", "Listener")]);

        Assert.Equal(200, (int)response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("last admin", html);
        Assert.Contains("data-testid=\"user-problem\"", html);
    }

    [Fact]
    public async Task DeletePage_NeedsAChoice_ThenDeletesKeepingContent()
    {
        var (id, _) = await RegisterAsync("pagedelete");
        var admin = await AdminAsync();
        var confirm = await admin.PageAsync($"/admin/users/{id}/delete");
        Assert.Equal(2, confirm.QuerySelectorAll("input[type=radio][name=content]").Length);

        var noChoice = await admin.PostNamedFormAsync($"/admin/users/{id}/delete", "delete-user", [new("confirm", "yes")]);
        var deleted = await admin.PostNamedFormAsync($"/admin/users/{id}/delete", "delete-user", [new("content", "keep"), new("confirm", "yes")]);

        Assert.Contains("data-testid=\"delete-problem\"", await noChoice.Content.ReadAsStringAsync());
        Assert.Equal($"/admin/users/{id}/delete?done=keep", deleted.Headers.Location?.PathAndQuery);
        Assert.Equal("keep", AdminUserRows.Json((await rows.LastAsync("user.delete", id))!.After).GetProperty("content").GetString());
        Assert.Equal(404, (int)(await admin.GetAsync($"/admin/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task AuditPage_AreaAndEntityFilters_ShowOnlyMatchesWithValues()
    {
        var (id, _) = await RegisterAsync("pageaudit");
        var admin = await AdminAsync();
        await admin.PostNamedFormAsync($"/admin/users/{id}", "user-lock", []);

        var page = await admin.PageAsync($"/admin/audit?action=user&entityType=User&entityId={id}&from={DateTime.UtcNow:yyyy-MM-dd}");
        var auth = await admin.PageAsync($"/admin/audit?action=auth.&actor={Uri.EscapeDataString(TrackUploads.AdminEmail)}");
        var bad = await admin.PageAsync("/admin/audit?from=yesterday");

        var rowsShown = page.QuerySelectorAll("[data-testid=audit-table] tbody tr");
        Assert.Single(rowsShown);
        Assert.Contains("user.lock", rowsShown[0].TextContent);
        Assert.Contains("\"locked\": true", rowsShown[0].QuerySelector("details")!.TextContent);
        Assert.All(auth.QuerySelectorAll("[data-testid=audit-table] tbody code"), c => Assert.StartsWith(AuthActions.Area, c.TextContent));
        Assert.NotNull(bad.QuerySelector("[data-testid=audit-problem]"));
    }
}

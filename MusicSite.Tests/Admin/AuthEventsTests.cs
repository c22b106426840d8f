using System.Net.Http.Json;
using MusicSite.Admin;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Admin;

/// <summary>Authentication events in the audit log: sign-in success and failure by the page and the API (the email typed,
/// never the password), a locked account refused on both with the lockout recorded, and password resets.</summary>
public sealed class AuthEventsTests(AdminUsersApiTests.AdminSite site) : IClassFixture<AdminUsersApiTests.AdminSite>
{
    private readonly AdminUserRows rows = new(site.Services);

    private async Task<(int Id, string Email)> RegisterAsync()
    {
        var email = $"auth-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email)).StatusCode);
        return (await rows.IdOfAsync(email), email);
    }

    private static Task<HttpResponseMessage> ApiLoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task SignIn_ApiAndPage_SuccessIsAuditedWithAddressAndAgent()
    {
        var (id, email) = await RegisterAsync();
        var client = TestClientAddress.From(site.CreateClient(), "203.0.113.7");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SignInAgent/1.0");

        Assert.Equal(200, (int)(await ApiLoginAsync(client, email, "Passw0rdOk")).StatusCode);
        var api = await rows.LastAsync(AuthActions.SignIn, id);
        await site.SignedInCookieClientAsync(email, "Passw0rdOk");
        var page = await rows.LastAsync(AuthActions.SignIn, id);

        Assert.Equal(id, api!.ActorId);
        Assert.Equal("203.0.113.7", api.ClientAddress);
        Assert.Equal("SignInAgent/1.0", api.UserAgent);
        Assert.Equal("api", AdminUserRows.Json(api.After).GetProperty("via").GetString());
        Assert.Equal("page", AdminUserRows.Json(page!.After).GetProperty("via").GetString());
    }

    [Fact]
    public async Task SignIn_WrongPasswordAndUnknownEmail_FailuresAuditedWithoutThePassword()
    {
        var (id, email) = await RegisterAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com" + new string('x', 150);

        await (await ApiLoginAsync(site.CreateClient(), email, "Wrong-Secret-9")).ProblemAsync(401, "INVALID_CREDENTIALS");
        var wrong = await rows.LastAsync(AuthActions.SignInFailed, id);
        var page = site.CreateClient(new() { AllowAutoRedirect = false });
        var answer = await page.PostFormAsync("/account/login", new() { ["Input.Email"] = unknown, ["Input.Password"] = "Other-Secret-8" });
        var missing = await rows.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.AuditEntries.Where(e => e.Action == AuthActions.SignInFailed && e.After!.Contains(unknown.Substring(0, 40)))));

        Assert.Equal("wrong_password", AdminUserRows.Json(wrong!.After).GetProperty("reason").GetString());
        Assert.DoesNotContain("Wrong-Secret-9", wrong.After);
        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Null(missing.EntityId);
        var after = AdminUserRows.Json(missing.After);
        Assert.Equal("unknown_email", after.GetProperty("reason").GetString());
        Assert.Equal(AuthEvents.TypedEmailMaxLength, after.GetProperty("email").GetString()!.Length);
        Assert.DoesNotContain("Other-Secret-8", missing.After);
    }

    [Fact]
    public async Task LockedAccount_CannotSignInByApiOrPage_AndTheLockoutIsAudited()
    {
        var (id, email) = await RegisterAsync();
        var admin = await site.AdminClientAsync();
        Assert.Equal(200, (int)(await admin.PostAsync($"/api/admin/users/{id}/lock", null)).StatusCode);
        var before = await rows.CountAsync(AuthActions.Lockout);

        var api = await ApiLoginAsync(site.CreateClient(), email, "Passw0rdOk");
        var wrongPassword = await ApiLoginAsync(site.CreateClient(), email, "Wrong-pass1");
        var page = site.CreateClient(new() { AllowAutoRedirect = false });
        var form = await page.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "Passw0rdOk" });

        var problem = await api.ProblemAsync(403, "ACCOUNT_LOCKED");
        Assert.Contains("locked", problem.GetProperty("title").GetString());
        // Only the right password learns that the account is locked.
        await wrongPassword.ProblemAsync(401, "INVALID_CREDENTIALS");
        Assert.Equal(200, (int)form.StatusCode);
        Assert.Contains("This account is locked", await form.Content.ReadAsStringAsync());
        Assert.Equal(before + 3, await rows.CountAsync(AuthActions.Lockout));
        Assert.True(AdminUserRows.Json((await rows.LastAsync(AuthActions.Lockout, id))!.After).GetProperty("passwordCorrect").GetBoolean());

        Assert.Equal(200, (int)(await admin.PostAsync($"/api/admin/users/{id}/unlock", null)).StatusCode);
        Assert.Equal(200, (int)(await ApiLoginAsync(site.CreateClient(), email, "Passw0rdOk")).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_RequestAndCompletion_AreAudited()
    {
        var (id, email) = await RegisterAsync();
        var client = site.CreateClient();

        Assert.Equal(200, (int)(await client.PostAsJsonAsync("/api/auth/forgot-password", new { email })).StatusCode);
        var link = new Uri(MailFolder.LinkTo(site.MailDirectory, email, "/account/reset-password"));
        var code = System.Web.HttpUtility.ParseQueryString(link.Query)["code"];
        var reset = await client.PostAsJsonAsync("/api/auth/reset-password", new { email, code, password = "N3wPassword" });

        Assert.Equal(200, (int)reset.StatusCode);
        var requested = await rows.LastAsync(AuthActions.PasswordResetRequested, id);
        Assert.True(AdminUserRows.Json(requested!.After).GetProperty("accountFound").GetBoolean());
        var done = await rows.LastAsync(AuthActions.PasswordReset, id);
        Assert.Equal(id, done!.ActorId);
        Assert.DoesNotContain("N3wPassword", done.After);
    }
}

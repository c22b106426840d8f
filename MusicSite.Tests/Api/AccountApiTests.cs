using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using MusicSite.Accounts;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Api;

/// <summary>The account flows of /api/auth: sign-out, password reset and email confirmation, answering as the pages do.</summary>
public sealed class AccountApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static string NewEmail() => $"flows-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Logout_RevokesTheRefreshTokenOfTheSession()
    {
        var client = site.CreateClient();
        var email = NewEmail();
        await client.RegisterAsync(email);
        var login = await client.LoginAsync(email);
        var refreshToken = login.GetProperty("refreshToken").GetString();

        var logout = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout")
            .WithBearer(login.GetProperty("accessToken").GetString()!));
        var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

        Assert.Equal(204, (int)logout.StatusCode);
        await refresh.ProblemAsync(401, "INVALID_REFRESH_TOKEN");
        await (await client.PostAsync("/api/auth/logout", null)).ProblemAsync(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task ForgotPassword_KnownOrUnknownEmail_GetsThePagesAnswer_AndOnlyTheKnownOneGetsMail()
    {
        var client = site.CreateClient();
        var known = NewEmail();
        var unknown = NewEmail();
        await client.RegisterAsync(known);

        var forKnown = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = known });
        var forUnknown = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = unknown });
        var blank = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = " " });

        Assert.Equal(200, (int)forKnown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(AccountMessages.ResetLinkSent, (await forKnown.JsonAsync()).GetProperty("message").GetString());
        MailFolder.LinkTo(site.MailDirectory, known, "/account/reset-password");
        Assert.Empty(MailFolder.MessagesTo(site.MailDirectory, unknown));
        Assert.True((await blank.ProblemAsync(400, "VALIDATION_FAILED")).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task ResetPassword_WithTheMailedCode_ChangesThePassword_AndAWrongCodeIsInvalidToken()
    {
        var client = site.CreateClient();
        var email = NewEmail();
        await client.RegisterAsync(email);
        await client.PostAsJsonAsync("/api/auth/forgot-password", new { email });
        var query = QueryHelpers.ParseQuery(new Uri(MailFolder.LinkTo(site.MailDirectory, email, "/account/reset-password")).Query);
        var code = query["code"].ToString();

        var wrong = await client.PostAsJsonAsync("/api/auth/reset-password", new { email, code = "Zm9yZ2Vk", password = "N3wPassword" });
        var weak = await client.PostAsJsonAsync("/api/auth/reset-password", new { email, code, password = "weak" });
        var reset = await client.PostAsJsonAsync("/api/auth/reset-password", new { email, code, password = "N3wPassword" });

        Assert.True((await wrong.ProblemAsync(400, "INVALID_TOKEN")).GetProperty("errors").TryGetProperty("code", out _));
        Assert.True((await weak.ProblemAsync(400, "VALIDATION_FAILED")).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(200, (int)reset.StatusCode);
        Assert.Equal(AccountMessages.PasswordChanged, (await reset.JsonAsync()).GetProperty("message").GetString());
        await client.LoginAsync(email, "N3wPassword");
    }

    [Fact]
    public async Task VerifyEmail_WithTheMailedCode_ConfirmsTheAddress_AndAWrongCodeIsInvalidToken()
    {
        var client = await site.SignedInClientAsync(NewEmail());
        var me = await (await client.GetAsync("/api/auth/me")).JsonAsync();
        var email = me.GetProperty("email").GetString()!;
        var query = QueryHelpers.ParseQuery(new Uri(MailFolder.LinkTo(site.MailDirectory, email, "/account/confirm-email")).Query);
        var userId = int.Parse(query["userId"].ToString());
        var anonymous = site.CreateClient();

        var missing = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { code = "" });
        var wrong = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { userId, code = "Zm9yZ2Vk" });
        var verified = await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { userId, code = query["code"].ToString() });

        var errors = (await missing.ProblemAsync(400, "VALIDATION_FAILED")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("userId", out _) && errors.TryGetProperty("code", out _));
        await wrong.ProblemAsync(400, "INVALID_TOKEN");
        Assert.Equal(200, (int)verified.StatusCode);
        Assert.Equal(AccountMessages.EmailConfirmed, (await verified.JsonAsync()).GetProperty("message").GetString());
        Assert.True((await (await client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());
    }

    [Fact]
    public async Task ResendConfirmation_MailsTheLinkAgain_OnlyToTheSignedInUser()
    {
        var email = NewEmail();
        var client = await site.SignedInClientAsync(email);

        var resent = await client.PostAsync("/api/auth/resend-confirmation", null);
        var anonymous = await site.CreateClient().PostAsync("/api/auth/resend-confirmation", null);

        Assert.Equal(200, (int)resent.StatusCode);
        Assert.Equal(AccountMessages.ConfirmationSent, (await resent.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(2, MailFolder.MessagesTo(site.MailDirectory, email).Count);
        await anonymous.ProblemAsync(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task UpdateMe_TwentyAtOnce_NeverAnswers400_AndOneSubmittedValueWins()
    {
        var client = await site.SignedInClientAsync(NewEmail());
        var names = Enumerable.Range(1, 20).Select(i => $"Writer {i}").ToList();

        var answers = await Task.WhenAll(names.Select(name => client.PutAsJsonAsync("/api/auth/me", new { displayName = name, bio = name })));

        foreach (var answer in answers.Where(a => (int)a.StatusCode != 200))
        {
            await answer.ProblemAsync(409, "EDIT_CONFLICT");
        }
        var final = await (await client.GetAsync("/api/auth/me")).JsonAsync();
        Assert.Contains(final.GetProperty("displayName").GetString(), names);
        Assert.Equal(final.GetProperty("displayName").GetString(), final.GetProperty("bio").GetString());
    }
}

using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>
/// Security finding 2: the account limits count per client address and per submitted email, whatever token
/// the request carries, on every account flow (pages and API).
/// </summary>
public sealed class Finding2AccountLimitTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();

    public Finding2AccountLimitTests()
    {
        _site.Settings["RateLimits:AccountPermitLimit"] = "3";
        _site.Settings["RateLimits:AccountWindowSeconds"] = "120";
        _site.Settings["RateLimits:AccountPerEmailLimit"] = "3";
    }

    private static string NewEmail() => $"limit-{Guid.NewGuid():N}@example.com";

    private static string NewAddress() => $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    private HttpClient ClientFrom(string address, bool redirects = true) =>
        TestClientAddress.From(_site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = redirects }), address);

    [Fact]
    public async Task Finding2_SignIn_WithAValidBearerToken_IsStillCountedPerAddress()
    {
        var email = NewEmail();
        var other = ClientFrom(NewAddress());
        await other.RegisterAsync(email);
        var token = (await other.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        var attacker = ClientFrom(NewAddress());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (int)(await attacker.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = "Wrong-pass1" })).StatusCode);
        }

        var withToken = await attacker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = NewEmail(), password = "Wrong-pass1" }),
        }.WithBearer(token));

        await withToken.ProblemAsync(429, "RATE_LIMITED");
        Assert.True(withToken.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task LoginPage_PastTheAddressLimit_Is429WithAMessage_AndGetsAreNotCounted()
    {
        var client = ClientFrom(NewAddress());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (int)(await client.GetAsync("/account/login")).StatusCode);
        }
        for (var i = 0; i < 3; i++)
        {
            await PageSessions.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = NewEmail(), ["Input.Password"] = "Wrong-pass1" });
        }

        var limited = await PageSessions.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = NewEmail(), ["Input.Password"] = "x" });

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Finding2_ForgotPasswordPage_OneEmailFromManyAddresses_IsLimitedPerEmail()
    {
        var email = NewEmail();
        await ClientFrom(NewAddress()).RegisterAsync(email);
        var answers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var response = await PageSessions.PostFormAsync(ClientFrom(NewAddress()), "/account/forgot-password", new() { ["Input.Email"] = email });
            answers.Add((int)response.StatusCode);
            if (i == 4)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([200, 200, 200, 429, 429], answers);
        Assert.Equal(3, MailFolder.MessagesTo(_site.MailDirectory, email).Count(m => m.Contains("/account/reset-password", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Finding2_ResendConfirmation_FifteenPostsFromManyAddresses_SendAtMostTheBudget()
    {
        var email = NewEmail();
        var browser = ClientFrom(NewAddress(), redirects: false);
        var registered = await PageSessions.PostFormAsync(browser, "/account/register", new()
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "Resender", ["Input.Password"] = "Passw0rdOk", ["Input.AccountType"] = "Listener",
        });
        Assert.Equal(302, (int)registered.StatusCode);
        var fields = await PageSessions.HiddenFieldsAsync(browser, "/", "#banner form");
        fields.Add(new("returnUrl", "/"));

        var answers = new List<int>();
        for (var i = 0; i < 15; i++)
        {
            // A header on the request wins over the client's default: each post comes from another address.
            var post = new HttpRequestMessage(HttpMethod.Post, "/account/resend-confirmation") { Content = new FormUrlEncodedContent(fields) };
            post.Headers.Add(TestClientAddress.Header, NewAddress());
            answers.Add((int)(await browser.SendAsync(post)).StatusCode);
        }

        Assert.Equal(3, answers.Count(a => a == 302));
        Assert.All(answers.Skip(3), a => Assert.Equal(429, a));
        // The registration's own mail, then the three allowed resends.
        Assert.Equal(4, MailFolder.MessagesTo(_site.MailDirectory, email).Count);
    }

    [Fact]
    public async Task Finding2_ResendConfirmationApi_IsLimitedPerEmailWhateverTheAddress()
    {
        var email = NewEmail();
        var client = ClientFrom(NewAddress());
        await client.RegisterAsync(email);
        var token = (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!;

        var answers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/resend-confirmation").WithBearer(token);
            answers.Add((int)(await ClientFrom(NewAddress()).SendAsync(request)).StatusCode);
        }

        Assert.Equal([200, 200, 200, 429, 429], answers);
    }

    [Theory]
    [InlineData("/api/auth/forgot-password")]
    [InlineData("/api/auth/reset-password")]
    [InlineData("/api/auth/register")]
    public async Task Finding2_AccountApi_OneEmailFromManyAddresses_IsLimitedPerEmail(string route)
    {
        var email = NewEmail();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await ClientFrom(NewAddress()).PostAsJsonAsync(route, new
            {
                email, password = "Passw0rdOk", displayName = "Someone", code = "Zm9yZ2Vk",
            });
            if (i < 3)
            {
                Assert.NotEqual(429, (int)last.StatusCode);
            }
        }

        await last.ProblemAsync(429, "RATE_LIMITED");
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    public void Dispose() => _site.Dispose();
}

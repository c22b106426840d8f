using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>
/// Security finding 5: failed sign-ins are counted per submitted email whether or not an account has it, so a
/// known and an unknown address get the same answers after the same work; and nobody can keep an account's
/// owner out by failing against it.
/// </summary>
public sealed class Finding5SignInThrottleTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();
    private readonly CountingPasswordHasher _hasher = new();
    private readonly WebApplicationFactory<Program> _counted;

    public Finding5SignInThrottleTests()
    {
        _counted = _site.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher<AppUser>>(_hasher)));
    }

    private static string NewEmail() => $"throttle-{Guid.NewGuid():N}@example.com";

    private HttpClient ClientFrom(string address) => TestClientAddress.From(_counted.CreateClient(), address);

    [Fact]
    public async Task Finding5_SignIn_KnownAndUnknownEmails_GetTheSameAnswers()
    {
        var known = NewEmail();
        await ClientFrom("10.5.0.1").RegisterAsync(known);

        var knownAnswers = await WrongPasswordsAsync(ClientFrom("10.5.0.2"), known, 7);
        var unknownAnswers = await WrongPasswordsAsync(ClientFrom("10.5.0.3"), NewEmail(), 7);

        Assert.Equal(knownAnswers, unknownAnswers);
        Assert.All(knownAnswers.Take(5), a => Assert.StartsWith("401 INVALID_CREDENTIALS", a, StringComparison.Ordinal));
        Assert.All(knownAnswers.Skip(5), a => Assert.StartsWith("429 RATE_LIMITED", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finding5_SignIn_UnknownEmail_RunsThePasswordHashLikeAKnownOne()
    {
        var known = NewEmail();
        var client = ClientFrom("10.5.1.1");
        await client.RegisterAsync(known);

        var beforeUnknown = _hasher.Verifications;
        await (await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = "Wrong-pass1" })).ProblemAsync(401, "INVALID_CREDENTIALS");
        var unknownCost = _hasher.Verifications - beforeUnknown;
        var beforeKnown = _hasher.Verifications;
        await (await client.PostAsJsonAsync("/api/auth/login", new { email = known, password = "Wrong-pass1" })).ProblemAsync(401, "INVALID_CREDENTIALS");
        var knownCost = _hasher.Verifications - beforeKnown;

        Assert.Equal(1, unknownCost);
        Assert.Equal(knownCost, unknownCost);
    }

    [Fact]
    public async Task Finding5_AnAttackerFailingAgainstTheAdmin_CannotKeepTheAdminOut()
    {
        var admin = NewEmail();
        await ClientFrom("10.5.2.1").RegisterAsync(admin);
        await using (var scope = _counted.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(admin))!, Roles.Admin)).Succeeded);
        }

        var answers = await WrongPasswordsAsync(ClientFrom("10.5.2.66"), admin, 20);
        Assert.Contains(answers, a => a.StartsWith("429", StringComparison.Ordinal));

        var adminSignsIn = await ClientFrom("10.5.2.2").PostAsJsonAsync("/api/auth/login", new { email = admin, password = "Passw0rdOk" });
        Assert.Equal(200, (int)adminSignsIn.StatusCode);
        var page = await PageSessions.PostFormAsync(TestClientAddress.From(_counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "10.5.2.3"),
            "/account/login", new() { ["Input.Email"] = admin, ["Input.Password"] = "Passw0rdOk" });
        Assert.Equal(302, (int)page.StatusCode);
    }

    [Fact]
    public async Task Finding5_LoginPage_KnownAndUnknownEmails_ShowTheSameMessage()
    {
        var known = NewEmail();
        await ClientFrom("10.5.3.1").RegisterAsync(known);

        async Task<List<string>> PageAnswersAsync(string email, string address)
        {
            var client = ClientFrom(address);
            var answers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var response = await PageSessions.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "Wrong-pass1" });
                var alert = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
                    .QuerySelector("main .alert-error")?.TextContent.Trim();
                // The wait it names counts down with the clock: the two runs, one after the other, may name seconds apart.
                answers.Add(System.Text.RegularExpressions.Regex.Replace($"{(int)response.StatusCode} {alert}", @"Wait \d+ seconds?", "Wait N seconds"));
            }
            return answers;
        }

        var knownAnswers = await PageAnswersAsync(known, "10.5.3.2");
        var unknownAnswers = await PageAnswersAsync(NewEmail(), "10.5.3.3");

        Assert.Equal(knownAnswers, unknownAnswers);
        Assert.Equal("200 Email or password is incorrect.", knownAnswers[0]);
        Assert.StartsWith("429 Too many requests.", knownAnswers[5], StringComparison.Ordinal);
    }

    /// <summary>Each answer as status, code, title, detail and Retry-After: everything but the trace id.</summary>
    private static async Task<List<string>> WrongPasswordsAsync(HttpClient client, string email, int count)
    {
        var answers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-pass1" });
            var problem = await response.JsonAsync();
            answers.Add(string.Join(" | ", (int)response.StatusCode + " " + problem.GetProperty("code").GetString(),
                problem.GetProperty("title").GetString(), problem.TryGetProperty("detail", out var d) ? d.GetString() : "",
                response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
        }
        return answers;
    }

    public void Dispose()
    {
        _counted.Dispose();
        _site.Dispose();
    }

    /// <summary>The site's password hasher, counting how often a password is checked against a hash.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

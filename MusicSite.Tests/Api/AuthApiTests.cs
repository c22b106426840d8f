using System.Net.Http.Headers;
using System.Net.Http.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Api;

public sealed class AuthApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static string NewEmail() => $"api-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Register_ReturnsTheProfileWithTheChosenRole()
    {
        var client = site.CreateClient();
        var email = NewEmail();

        var response = await client.RegisterAsync(email, displayName: "Nova", accountType: "Artist");

        Assert.Equal(201, (int)response.StatusCode);
        var profile = await response.JsonAsync();
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal("Nova", profile.GetProperty("displayName").GetString());
        Assert.Equal(new[] { "Artist" }, profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.False(profile.GetProperty("emailConfirmed").GetBoolean());
    }

    [Theory]
    [InlineData("not-an-email", "Passw0rdOk", "email")]
    [InlineData("{new}", "weak", "password")]
    [InlineData("{new}", "nouppercase1", "password")]
    [InlineData("{new}", "Pw0rd!x", "password")] // Identity's defaults would take it; the site's policy wants 8 characters
    public async Task Register_BadInput_Is400WithFieldErrors(string email, string password, string field)
    {
        var response = await site.CreateClient().RegisterAsync(email == "{new}" ? NewEmail() : email, password);

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages));
        Assert.True(messages.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Register_DuplicateEmail_Is409WithAnEmailError()
    {
        var client = site.CreateClient();
        var email = NewEmail();
        await client.RegisterAsync(email);

        var problem = await (await client.RegisterAsync(email)).ProblemAsync(409, "EMAIL_TAKEN");

        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Register_MalformedJson_Is400NotA500()
    {
        var response = await site.CreateClient().PostAsync("/api/auth/register",
            new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Login_ReturnsABearerTokenThatMeAccepts()
    {
        var client = site.CreateClient();
        var email = NewEmail();
        await client.RegisterAsync(email, displayName: "Token Holder");

        var login = await client.LoginAsync(email);
        Assert.Equal("Bearer", login.GetProperty("tokenType").GetString());
        Assert.True(login.GetProperty("expiresIn").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(login.GetProperty("refreshToken").GetString()));

        var me = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/auth/me")
            .WithBearer(login.GetProperty("accessToken").GetString()!));
        Assert.Equal(200, (int)me.StatusCode);
        Assert.Equal("Token Holder", (await me.JsonAsync()).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Me_WithoutOrWithAForgedToken_Is401Problem()
    {
        var client = site.CreateClient();

        await (await client.GetAsync("/api/auth/me")).ProblemAsync(401, "UNAUTHORIZED");
        var forged = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/auth/me").WithBearer("Zm9yZ2VkLXRva2Vu"));
        await forged.ProblemAsync(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Refresh_GivesANewWorkingToken_AndRejectsGarbage()
    {
        var client = site.CreateClient();
        var email = NewEmail();
        await client.RegisterAsync(email);
        var login = await client.LoginAsync(email);

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        Assert.Equal(200, (int)refreshed.StatusCode);
        var token = (await refreshed.JsonAsync()).GetProperty("accessToken").GetString()!;
        var me = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/auth/me").WithBearer(token));
        Assert.Equal(200, (int)me.StatusCode);

        var bad = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "garbage" });
        await bad.ProblemAsync(401, "INVALID_REFRESH_TOKEN");
    }

    [Fact]
    public async Task UpdateMe_SavesValidInput_AndReportsFieldErrors()
    {
        var client = await site.SignedInClientAsync(NewEmail());

        var ok = await client.PutAsJsonAsync("/api/auth/me", new { displayName = "Renamed", bio = "Modular synths." });
        Assert.Equal(200, (int)ok.StatusCode);
        var profile = await ok.JsonAsync();
        Assert.Equal("Renamed", profile.GetProperty("displayName").GetString());
        Assert.Equal("Modular synths.", profile.GetProperty("bio").GetString());

        var bad = await client.PutAsJsonAsync("/api/auth/me", new { displayName = "", bio = new string('x', 2001) });
        var problem = await bad.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("displayName", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("bio", out _));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Avatar_UploadThenServe_AndRefuseNonImages()
    {
        using var files = new TempDirectory();
        var client = await site.SignedInClientAsync(NewEmail());

        using var image = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(MediaFixtures.Image(files.Path, "png"))), "avatar", "me.png" },
        };
        var uploaded = await client.PutAsync("/api/auth/me/avatar", image);
        Assert.Equal(200, (int)uploaded.StatusCode);
        var avatarUrl = (await uploaded.JsonAsync()).GetProperty("avatarUrl").GetString()!;
        var avatar = await site.CreateClient().GetAsync(avatarUrl);
        Assert.Equal("image/jpeg", avatar.Content.Headers.ContentType?.MediaType);

        var svg = new ByteArrayContent("<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray());
        svg.Headers.ContentType = new MediaTypeHeaderValue("image/svg+xml");
        using var notImage = new MultipartFormDataContent { { svg, "avatar", "me.svg" } };
        await (await client.PutAsync("/api/auth/me/avatar", notImage)).ProblemAsync(415, "INVALID_IMAGE");
    }

    [Fact]
    public async Task Login_UnknownUser_FailsExactlyLikeAWrongPassword()
    {
        var client = site.CreateClient();
        var known = NewEmail();
        await client.RegisterAsync(known);

        var unknown = await (await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = "Passw0rdOk" }))
            .ProblemAsync(401, "INVALID_CREDENTIALS");
        var wrong = await (await client.PostAsJsonAsync("/api/auth/login", new { email = known, password = "Wrong-pass1" }))
            .ProblemAsync(401, "INVALID_CREDENTIALS");

        Assert.Equal(wrong.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
    }
}

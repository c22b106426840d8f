using System.Net.Http.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Pages;

/// <summary>A return URL with control or non-ASCII characters sends the visitor home; the action itself still happens.</summary>
public sealed class ReturnUrlTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    public static TheoryData<string> HostileReturnUrls => ["/\t/evil.example", "/\u3000x", "/\n/evil.example", "/x\u202Egpj.exe"];

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task Logout_WithHostileReturnUrl_SignsOutAndGoesHome(string returnUrl)
    {
        var client = await site.CookieClientAsync();
        var token = await PageSessions.AntiforgeryTokenAsync(client);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("returnUrl", returnUrl)]));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var profile = await client.GetAsync("/account/profile");
        Assert.Equal(302, (int)profile.StatusCode);
        Assert.Contains("/account/login", profile.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task ResendConfirmation_WithHostileReturnUrl_GoesHome(string returnUrl)
    {
        var client = await site.CookieClientAsync();
        var token = await PageSessions.AntiforgeryTokenAsync(client);

        var response = await client.PostAsync("/account/resend-confirmation", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("returnUrl", returnUrl)]));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/?confirmationSent=1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task Login_WithHostileReturnUrl_SignsInAndGoesHome(string returnUrl)
    {
        var email = $"return-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email)).StatusCode);
        var browser = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var path = "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var fields = await PageSessions.HiddenFieldsAsync(browser, path);
        fields.AddRange([new("Input.Email", email), new("Input.Password", "Passw0rdOk")]);

        var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields));

        Assert.Equal(302, (int)response.StatusCode);
        // NavigationManager writes absolute addresses.
        Assert.Equal("http://localhost/", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsoluteUri);
        Assert.Equal(200, (int)(await browser.GetAsync("/account/profile")).StatusCode);
    }
}

using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MusicSite.Tests.Infrastructure;

/// <summary>A client signed in the way a browser is: through the register page's form, holding the auth cookie.</summary>
public static class PageSession
{
    public static async Task<HttpClient> CookieClientAsync(this MusicSiteFactory site, string accountType = "Artist", string? email = null)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = await HiddenFieldsAsync(client, "/account/register");
        fields.AddRange([
            new("Input.Email", email ?? $"cookie-{Guid.NewGuid():N}@example.com"), new("Input.DisplayName", "Cookie User"),
            new("Input.Password", "Passw0rdOk"), new("Input.AccountType", accountType),
        ]);
        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(fields));
        Assert.Equal(302, (int)response.StatusCode);
        return client;
    }

    /// <summary>The antiforgery token and form name a page's main form carries, as a browser would post them.</summary>
    public static async Task<List<KeyValuePair<string, string>>> HiddenFieldsAsync(HttpClient client, string path)
    {
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        return doc.QuerySelectorAll("main form input[type=hidden]")
            .Where(i => i.GetAttribute("name") is "__RequestVerificationToken" or "_handler")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
    }

    /// <summary>The antiforgery request token a page hands its signed-in visitor.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path = "/upload") =>
        (await HiddenFieldsAsync(client, path)).First(f => f.Key == "__RequestVerificationToken").Value;
}

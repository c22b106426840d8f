using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MusicSite.Tests.Infrastructure;

/// <summary>A browser without JavaScript: a cookie session made by posting the site's own register form.</summary>
public static class PageSessions
{
    /// <summary>A new account, signed in with the auth cookie; redirects are not followed.</summary>
    public static async Task<HttpClient> CookieClientAsync(this MusicSiteFactory site, string accountType = "Listener", string? email = null)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = await HiddenFieldsAsync(client, "/account/register");
        fields.AddRange([
            new("Input.Email", email ?? $"page-{Guid.NewGuid():N}@example.com"), new("Input.DisplayName", "Page Visitor"),
            new("Input.Password", "Passw0rdOk"), new("Input.AccountType", accountType),
        ]);
        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(fields));
        Assert.Equal(302, (int)response.StatusCode);
        return client;
    }

    /// <summary>The hidden fields (antiforgery token, form name) of a page's first form matching
    /// <paramref name="selector"/>, by default the first form in main.</summary>
    public static async Task<List<KeyValuePair<string, string>>> HiddenFieldsAsync(HttpClient client, string path,
        string selector = "main form")
    {
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        var form = doc.QuerySelector(selector) ?? throw new InvalidOperationException($"{path} has no '{selector}'.");
        return form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is "__RequestVerificationToken" or "_handler")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
    }

    /// <summary>Loads <paramref name="path"/>, then posts its form there with <paramref name="fields"/> added,
    /// as a browser without JavaScript does.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, Dictionary<string, string> fields)
    {
        var values = (await HiddenFieldsAsync(client, path)).Concat(fields).ToList();
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>The antiforgery token any page's forms carry (the layout's sign-out form has one for signed-in visitors).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path = "/")
    {
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        return doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
               ?? throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
    }
}

using AngleSharp.Html.Parser;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace MusicSite.Tests.Infrastructure;

/// <summary>
/// Signed-in sessions for page tests: a browser without JavaScript (a cookie session made by posting the site's own
/// register form), and a real browser page registered through the same form.
/// </summary>
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

    /// <summary>An existing account signed in through the login form, with the auth cookie; redirects are not followed.</summary>
    public static async Task<HttpClient> SignedInCookieClientAsync(this MusicSiteFactory site, string email, string password)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(302 == (int)response.StatusCode, $"sign-in answered {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Posts the form named <paramref name="formName"/> (its @formname) of the page at <paramref name="path"/>,
    /// with the page's antiforgery token, as a browser without JavaScript does.</summary>
    public static async Task<HttpResponseMessage> PostNamedFormAsync(this HttpClient client, string path, string formName,
        IEnumerable<KeyValuePair<string, string>> fields)
    {
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await AntiforgeryTokenAsync(client, path)), new("_handler", formName),
        };
        values.AddRange(fields);
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
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
    /// <summary>GETs a page, asserts it answered 200, and parses it.</summary>
    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(200 == (int)response.StatusCode, $"{path} answered {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

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

    public const string BrowserPassword = "Passw0rdOk";

    /// <summary>
    /// Registers a new account through <paramref name="page"/>'s register form and waits until the header shows it
    /// signed in. Returns the email (password <see cref="BrowserPassword"/>), so <see cref="BearerClientAsync"/> can
    /// act as the same account through the API, for instance to upload tracks that then show on its pages.
    /// </summary>
    public static async Task<string> RegisterInBrowserAsync(this IPage page, string accountType = "Listener",
        string displayName = "Page Visitor")
    {
        var email = $"browser-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#displayName", displayName);
        await page.FillAsync("#password", BrowserPassword);
        await page.CheckAsync($"input[type=radio][value={accountType}]");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync(displayName);
        return email;
    }

    /// <summary>An API client signed in with a bearer token as an existing account.</summary>
    public static async Task<HttpClient> BearerClientAsync(this MusicSiteFactory site, string email, string password = BrowserPassword)
    {
        var client = site.CreateClient();
        var token = (await client.LoginAsync(email, password)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

using AngleSharp.Html.Parser;

namespace MusicSite.Tests.Infrastructure;

/// <summary>Posts a page's form as a browser without JavaScript does: with the form's hidden fields.</summary>
public static class PageForms
{
    /// <summary>The hidden fields (antiforgery token, form name) of the first form matching <paramref name="selector"/>.</summary>
    public static async Task<List<KeyValuePair<string, string>>> HiddenFieldsAsync(HttpClient client, string path,
        string selector = "main form")
    {
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        var form = doc.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No '{selector}' on {path}.");
        return form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is "__RequestVerificationToken" or "_handler")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .ToList();
    }

    /// <summary>Loads <paramref name="path"/>, then posts its form there with <paramref name="fields"/> added.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var values = (await HiddenFieldsAsync(client, path)).Concat(fields).ToList();
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }
}

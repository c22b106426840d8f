using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MusicSite.Blog;

namespace MusicSite.Tests.Blog;

/// <summary>Decision 0032: a post's Markdown renders inert whatever it holds. The output is parsed as a browser would
/// and searched for anything that runs: script elements, on* attributes, and non-http(s)/mailto/relative addresses.</summary>
public sealed class BlogMarkdownTests
{
    private const string Hostile = """
        # Hello <script>alert(1)</script>

        <script>alert('block')</script>

        <div onclick="alert(2)">raw block</div> and <img src=x onerror=alert(3)> inline.

        [plain](javascript:alert(4)) [upper](JaVaScRiPt:alert(5)) [entity](&#106;avascript:alert(6))
        [spaced](java&#x09;script:alert(7)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)
        [vb](vbscript:msgbox(9)) [ref link][bad] and ![pic](javascript:alert(10)) ![pic2][badimg]

        <javascript:alert(11)> and <https://example.com/ok> and https://example.org/bare and <mailto:hi@example.com>

        [good](https://example.com/page) [rel](/tracks/1) [mail](mailto:team@example.com) [anchor](#top)

        [bad]: javascript:alert(12)
        [badimg]: data:image/svg+xml,<svg onload=alert(13)>
        """;

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>");

    [Fact]
    public void ToHtml_HostilePost_HasNoScriptNoHandlersAndNoDangerousAddresses()
    {
        var doc = Parse(BlogMarkdown.ToHtml(Hostile));

        Assert.Empty(doc.QuerySelectorAll("script, iframe, object, embed, style"));
        var all = doc.Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(all, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        foreach (var element in all)
        {
            foreach (var name in new[] { "href", "src" })
            {
                if (element.GetAttribute(name) is { } url)
                {
                    Assert.True(BlogMarkdown.IsAllowedUrl(url), $"{element.LocalName} {name}={url}");
                    Assert.Matches("^(https?:|mailto:|/|#|[a-z0-9])", url.Trim().ToLowerInvariant());
                }
            }
        }
        Assert.DoesNotContain(all, e => (e.GetAttribute("href") ?? e.GetAttribute("src") ?? "").Contains("script:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ToHtml_HostilePost_KeepsSafeLinksAndShowsRawHtmlAsText()
    {
        var doc = Parse(BlogMarkdown.ToHtml(Hostile));

        var hrefs = doc.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("https://example.com/page", hrefs);
        Assert.Contains("/tracks/1", hrefs);
        Assert.Contains("mailto:team@example.com", hrefs);
        Assert.Contains("#top", hrefs);
        Assert.Contains("<script>alert('block')</script>", doc.Body!.TextContent);
        // The disarmed link keeps its words, without the link.
        Assert.Contains("plain", doc.Body.TextContent);
        Assert.Empty(doc.QuerySelectorAll("img"));
    }

    [Fact]
    public void ToHtml_Autolinks_GetNofollowNoopener()
    {
        var doc = Parse(BlogMarkdown.ToHtml("See <https://example.com/a> and https://example.org/b, or [c](https://example.net/c)."));

        Assert.Equal(BlogMarkdown.AutolinkRel, doc.QuerySelector("a[href='https://example.com/a']")!.GetAttribute("rel"));
        Assert.Equal(BlogMarkdown.AutolinkRel, doc.QuerySelector("a[href='https://example.org/b']")!.GetAttribute("rel"));
        Assert.Null(doc.QuerySelector("a[href='https://example.net/c']")!.GetAttribute("rel"));
    }

    [Fact]
    public void ToHtml_SafeImage_Stays()
    {
        var doc = Parse(BlogMarkdown.ToHtml("![A waveform](/images/wave.png)"));

        Assert.Equal("/images/wave.png", doc.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("A waveform", doc.QuerySelector("img")!.GetAttribute("alt"));
    }

    [Theory]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JAVASCRIPT:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("https://example.com", true)]
    [InlineData("HTTP://example.com", true)]
    [InlineData("mailto:a@example.com", true)]
    [InlineData("/blog/welcome", true)]
    [InlineData("welcome?a=b:c", true)]
    [InlineData("#top", true)]
    public void IsAllowedUrl_Schemes(string url, bool allowed) => Assert.Equal(allowed, BlogMarkdown.IsAllowedUrl(url));

    [Fact]
    public void Excerpt_IsPlainTextCutAtAWord()
    {
        var markdown = "# Title\n\nSome **bold** and [a link](https://example.com) with <b>tags</b>.\n\n" + string.Concat(Enumerable.Repeat("word ", 200));

        var excerpt = BlogMarkdown.Excerpt(markdown);

        Assert.StartsWith("Title Some bold and a link with <b>tags</b>.", excerpt);
        Assert.EndsWith("…", excerpt);
        Assert.True(excerpt.Length <= BlogMarkdown.ExcerptLength + 1, excerpt.Length.ToString());
        Assert.DoesNotContain("**", excerpt);
        Assert.DoesNotContain("https://", excerpt);
    }

    [Fact]
    public void Excerpt_ShortPost_IsWhole() => Assert.Equal("Hello there.", BlogMarkdown.Excerpt("Hello\nthere."));
}

using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MusicSite.Blog;

/// <summary>
/// The one owner of turning a post's Markdown into HTML and into its plain-text excerpt (decision 0032). Raw HTML is
/// off: tags in the Markdown show as text. Every link and image address must be http(s), mailto or relative; any
/// other (javascript:, data:, vbscript:, in any letter case, entity-encoded or split by whitespace) is made inert:
/// a link becomes its text, an image its alt text. Links found in bare text and &lt;autolinks&gt; carry
/// rel="nofollow noopener". Only extensions that add no attributes from the author's text are enabled.
/// </summary>
public static class BlogMarkdown
{
    public const int ExcerptLength = 300;
    public const string AutolinkRel = "nofollow noopener";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    /// <summary>The post's HTML, safe to put in a page as it is.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        MakeLinksSafe(document);
        return Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>Plain text from the Markdown, whitespace collapsed, cut at a word before <see cref="ExcerptLength"/>
    /// characters with an ellipsis when longer.</summary>
    public static string Excerpt(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var text = new StringBuilder();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block.Inline is { } inline)
            {
                AppendText(inline, text);
            }
            else if (block is CodeBlock code)
            {
                text.Append(code.Lines.ToString());
            }
            text.Append(' ');
        }
        var plain = Collapse(text.ToString());
        if (plain.Length <= ExcerptLength)
        {
            return plain;
        }
        var cut = plain.LastIndexOf(' ', ExcerptLength - 1);
        return plain[..(cut > ExcerptLength / 2 ? cut : ExcerptLength - 1)].TrimEnd() + "…";
    }

    /// <summary>Whether an address may stay a link: http, https and mailto, or relative (no scheme). Control
    /// characters and whitespace are dropped first, as browsers do when they read a scheme.</summary>
    public static bool IsAllowedUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var end = compact.IndexOfAny([':', '/', '?', '#']);
        if (end < 0 || compact[end] != ':')
        {
            return true; // no scheme: a relative address
        }
        var scheme = compact[..end].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    private static void MakeLinksSafe(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            if (!IsAllowedUrl(url) || !IsAllowedUrl(link.Url))
            {
                Disarm(link);
            }
            else if (link.IsAutoLink)
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", AutolinkRel);
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsAllowedUrl(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
            else
            {
                autolink.GetAttributes().AddPropertyIfNotExist("rel", AutolinkRel);
            }
        }
    }

    /// <summary>A link becomes its own content; an image becomes its alt text.</summary>
    private static void Disarm(LinkInline link)
    {
        if (link.IsImage)
        {
            var alt = new StringBuilder();
            AppendText(link, alt);
            link.ReplaceBy(new LiteralInline(alt.ToString()));
            return;
        }
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }

    private static void AppendText(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case ContainerInline inner:
                    AppendText(inner, text);
                    break;
            }
        }
    }

    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (result.Length > 0 && result[^1] != ' ')
                {
                    result.Append(' ');
                }
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString().Trim();
    }
}

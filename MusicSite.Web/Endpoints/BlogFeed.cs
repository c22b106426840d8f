using System.Globalization;
using System.Text;
using System.Xml;
using MusicSite.Blog;
using MusicSite.Web.Api;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// The blog's Atom 1.0 feed (RFC 4287), written with XmlWriter: the newest published posts, each with a stable id
/// (a tag URI from the site's host and the post's id, so a changed slug is not a new entry), title, updated,
/// published, its page link, the excerpt as summary and the rendered HTML as escaped content.
/// </summary>
public static class BlogFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static async Task<IResult> GetAsync(BlogPosts posts, SiteAddress site, TimeProvider clock, CancellationToken cancellationToken)
    {
        var entries = await posts.FeedAsync(cancellationToken);
        return TypedResults.Text(Write(entries, site.BaseUrl, clock.GetUtcNow().UtcDateTime), ContentType, Encoding.UTF8);
    }

    public static string Write(IReadOnlyList<BlogPostDetail> entries, string baseUrl, DateTime now)
    {
        var host = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : "localhost";
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 };
        using (var xml = XmlWriter.Create(new Utf8StringWriter(text), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, baseUrl + BlogUrls.Index);
            xml.WriteElementString("title", Atom, "MusicSite blog");
            xml.WriteElementString("subtitle", Atom, "News and guides from MusicSite.");
            xml.WriteElementString("updated", Atom, Stamp(entries.Count == 0 ? now : entries.Max(Updated)));
            Link(xml, "self", baseUrl + BlogUrls.Feed, "application/atom+xml");
            Link(xml, "alternate", baseUrl + BlogUrls.Index, "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "MusicSite");
            xml.WriteEndElement();
            foreach (var post in entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom,
                    $"tag:{host},{post.CreatedAt.Year.ToString(CultureInfo.InvariantCulture)}:blog-post-{post.Id.ToString(CultureInfo.InvariantCulture)}");
                xml.WriteElementString("title", Atom, post.Title);
                xml.WriteElementString("updated", Atom, Stamp(Updated(post)));
                xml.WriteElementString("published", Atom, Stamp(post.PublishedAt!.Value));
                Link(xml, "alternate", baseUrl + BlogUrls.Post(post.Slug), "text/html");
                if (post.AuthorName is { Length: > 0 } author)
                {
                    xml.WriteStartElement("author", Atom);
                    xml.WriteElementString("name", Atom, author);
                    xml.WriteEndElement();
                }
                if (post.Category is { } category)
                {
                    xml.WriteStartElement("category", Atom);
                    xml.WriteAttributeString("term", category.Slug);
                    xml.WriteAttributeString("label", category.Name);
                    xml.WriteEndElement();
                }
                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(post.Excerpt);
                xml.WriteEndElement();
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(post.Html);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return text.ToString();
    }

    /// <summary>An entry changed when it was edited or, if later, when it came out.</summary>
    private static DateTime Updated(BlogPostDetail post) =>
        post.PublishedAt is { } published && published > post.UpdatedAt ? published : post.UpdatedAt;

    private static string Stamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}

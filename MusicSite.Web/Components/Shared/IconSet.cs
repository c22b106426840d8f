using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Components.Shared;

/// <summary>
/// The site's icons: the lucide-static SVG files listed as SiteIcon in MusicSite.Web.csproj, embedded in this assembly
/// and served together as one sprite (<see cref="SpritePath"/>, a &lt;symbol&gt; per icon). A page draws an icon with
/// a small &lt;svg&gt; that uses its symbol, so the drawings travel once per visitor instead of in every page (a
/// catalog page carried 74 inline icons, 27 KB; decision 0052). <c>currentColor</c> still follows the text colour.
/// </summary>
public static partial class IconSet
{
    private const string ResourcePrefix = "MusicSite.Web.Icons.";

    private static readonly Lazy<FrozenDictionary<string, string>> Shapes = new(LoadShapes);

    /// <summary>The names of the bundled icons (lucide file names without ".svg").</summary>
    public static IEnumerable<string> Names => Shapes.Value.Keys;

    public static bool Contains(string name) => Shapes.Value.ContainsKey(name);

    /// <summary>Where the sprite is served (<see cref="IconSprite"/>).</summary>
    public const string SpritePath = "/icons.svg";

    private static readonly Lazy<(byte[] Svg, string Hash)> Sprite = new(BuildSprite);
    private static readonly Lazy<string> VersionedSpriteUrl = new(() => $"{SpritePath}?{StaticAssets.VersionParameter}={Sprite.Value.Hash}");
    private static readonly ConcurrentDictionary<(string Name, string? Class), MarkupString> Decorative = new();

    /// <summary>The sprite document: one &lt;symbol&gt; per icon, its id the icon's name.</summary>
    public static byte[] SpriteSvg => Sprite.Value.Svg;

    /// <summary>The first 16 hex digits of the sprite's SHA-256: the <c>v</c> of <see cref="SpriteUrl"/>.</summary>
    public static string SpriteHash => Sprite.Value.Hash;

    /// <summary>The sprite's URL with its hash, which browsers may keep for a year.</summary>
    public static string SpriteUrl => VersionedSpriteUrl.Value;

    /// <summary>
    /// The icon as a small &lt;svg&gt; using its symbol in the sprite. With a label it is an image with that accessible
    /// name; without one it is decorative and hidden from assistive technology. An unknown name is a programming error
    /// and throws.
    /// </summary>
    public static string Render(string name, string? label = null, string? cssClass = null)
    {
        if (!Shapes.Value.ContainsKey(name))
            throw new InvalidOperationException($"No icon named '{name}': add it to SiteIcon in MusicSite.Web.csproj.");

        var classes = string.IsNullOrWhiteSpace(cssClass) ? "icon" : "icon " + WebUtility.HtmlEncode(cssClass);
        var a11y = string.IsNullOrWhiteSpace(label)
            ? "aria-hidden=\"true\""
            : $"role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\"";
        // fill="none" sits here, not on the symbol, so that CSS may fill an icon (a liked heart).
        return $"<svg class=\"{classes}\" {a11y} focusable=\"false\" width=\"24\" height=\"24\" fill=\"none\">" +
               $"<use href=\"{SpriteUrl}#{name}\"/></svg>";
    }

    /// <summary>
    /// <see cref="Render"/> as markup for a component. Decorative icons (no label) are built once per name and class,
    /// so a list row's icons cost nothing after the first; the classes come from the site's own markup.
    /// </summary>
    public static MarkupString Markup(string name, string? label = null, string? cssClass = null) =>
        string.IsNullOrWhiteSpace(label)
            ? Decorative.GetOrAdd((name, cssClass), key => new MarkupString(Render(key.Name, null, key.Class)))
            : new MarkupString(Render(name, label, cssClass));

    private static (byte[] Svg, string Hash) BuildSprite()
    {
        var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var (name, shape) in Shapes.Value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            svg.Append($"<symbol id=\"{name}\" viewBox=\"0 0 24 24\" stroke=\"currentColor\" stroke-width=\"2\" ")
               .Append($"stroke-linecap=\"round\" stroke-linejoin=\"round\">{shape}</symbol>");
        }
        var bytes = Encoding.UTF8.GetBytes(svg.Append("</svg>").ToString());
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
    }

    private static FrozenDictionary<string, string> LoadShapes()
    {
        var assembly = typeof(IconSet).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".svg", StringComparison.Ordinal))
            .ToFrozenDictionary(
                n => n[ResourcePrefix.Length..^".svg".Length],
                n => InnerShapes(ReadResource(assembly, n)),
                StringComparer.Ordinal);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The drawing inside the file's &lt;svg&gt; element; it becomes the icon's symbol in the sprite.</summary>
    private static string InnerShapes(string file)
    {
        var match = SvgBody().Match(file);
        if (!match.Success)
            throw new InvalidOperationException("An embedded icon is not an <svg> element.");
        return Whitespace().Replace(match.Groups[1].Value.Trim(), " ");
    }

    [GeneratedRegex(@"<svg\b[^>]*>(.*)</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgBody();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

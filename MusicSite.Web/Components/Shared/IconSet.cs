using System.Collections.Frozen;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;

namespace MusicSite.Web.Components.Shared;

/// <summary>
/// The site's icons: the lucide-static SVG files listed as SiteIcon in MusicSite.Web.csproj, embedded in this assembly,
/// read once and rendered inline (no extra request, and <c>currentColor</c> follows the text colour).
/// </summary>
public static partial class IconSet
{
    private const string ResourcePrefix = "MusicSite.Web.Icons.";

    private static readonly Lazy<FrozenDictionary<string, string>> Shapes = new(LoadShapes);

    /// <summary>The names of the bundled icons (lucide file names without ".svg").</summary>
    public static IEnumerable<string> Names => Shapes.Value.Keys;

    public static bool Contains(string name) => Shapes.Value.ContainsKey(name);

    /// <summary>
    /// The icon as an inline &lt;svg&gt;. With a label it is an image with that accessible name; without one it is
    /// decorative and hidden from assistive technology. An unknown name is a programming error and throws.
    /// </summary>
    public static string Render(string name, string? label = null, string? cssClass = null)
    {
        if (!Shapes.Value.TryGetValue(name, out var shape))
            throw new InvalidOperationException($"No icon named '{name}': add it to SiteIcon in MusicSite.Web.csproj.");

        var classes = string.IsNullOrWhiteSpace(cssClass) ? "icon" : "icon " + WebUtility.HtmlEncode(cssClass);
        var a11y = string.IsNullOrWhiteSpace(label)
            ? "aria-hidden=\"true\""
            : $"role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\"";
        return $"<svg class=\"{classes}\" {a11y} focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"24\" " +
               "viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" " +
               $"stroke-linejoin=\"round\">{shape}</svg>";
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

    /// <summary>The drawing inside the file's &lt;svg&gt; element; the outer element is rebuilt by <see cref="Render"/>.</summary>
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

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MusicSite.Media;

/// <summary>The colours a generated cover is drawn in, as #rrggbb.</summary>
public sealed record CoverColours(string Background, string Shape, string Accent);

/// <summary>
/// The cover of a track or album that has no artwork: an SVG drawn from a hash of its title, so the same title
/// always gives the same picture and different titles give different ones (hue, second hue and pattern all come
/// from the hash). It holds no text and no reference to anything outside itself, so it displays in an
/// <c>&lt;img&gt;</c> under any policy and says nothing about the title it was made from.
/// </summary>
public static class GeneratedCover
{
    /// <summary>The drawing's size in pixels; the large artwork size, so it sits where an uploaded cover would.</summary>
    public const int Size = 600;

    private const int Patterns = 4;

    public static CoverColours ColoursFor(string title)
    {
        var hash = Hash(title);
        var hue = (hash[0] << 8 | hash[1]) % 360;
        // The second hue is at least 60° away, so shapes always stand out from the background.
        var shapeHue = (hue + 60 + hash[2] % 240) % 360;
        var accentHue = (shapeHue + 120) % 360;
        return new CoverColours(Hex(hue, 0.55, 0.32 + hash[4] % 10 / 100.0), Hex(shapeHue, 0.70, 0.58), Hex(accentHue, 0.80, 0.72));
    }

    /// <summary>The cover as an SVG document (UTF-8 text, 600×600).</summary>
    public static string Svg(string title)
    {
        var hash = Hash(title);
        var colours = ColoursFor(title);
        var svg = new StringBuilder(1024);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Size}\" height=\"{Size}\" viewBox=\"0 0 {Size} {Size}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Size}\" height=\"{Size}\" fill=\"{colours.Background}\"/>");
        switch (hash[3] % Patterns)
        {
            case 0: Rings(svg, hash, colours); break;
            case 1: Stripes(svg, hash, colours); break;
            case 2: Tiles(svg, hash, colours); break;
            default: Circles(svg, hash, colours); break;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Concentric rings around a point chosen by the hash.</summary>
    private static void Rings(StringBuilder svg, byte[] hash, CoverColours colours)
    {
        var (cx, cy) = (150 + hash[5] % 300, 150 + hash[6] % 300);
        for (var i = 6; i >= 1; i--)
        {
            var fill = i % 2 == 0 ? colours.Shape : colours.Background;
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{i * 70}\" fill=\"{fill}\"/>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"34\" fill=\"{colours.Accent}\"/>");
    }

    /// <summary>Diagonal bands of varying width.</summary>
    private static void Stripes(StringBuilder svg, byte[] hash, CoverColours colours)
    {
        var x = -Size;
        for (var i = 0; x < Size * 2; i++)
        {
            var width = 40 + hash[(7 + i) % hash.Length] % 80;
            var fill = i % 3 == 2 ? colours.Accent : colours.Shape;
            if (i % 2 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<polygon points=\"{x},{Size} {x + width},{Size} {x + width + Size},0 {x + Size},0\" fill=\"{fill}\"/>");
            }
            x += width;
        }
    }

    /// <summary>A 4×4 grid where the hash bits choose which cells are filled, mirrored for balance.</summary>
    private static void Tiles(StringBuilder svg, byte[] hash, CoverColours colours)
    {
        const int cells = 4, cell = Size / cells;
        for (var row = 0; row < cells; row++)
        {
            for (var col = 0; col < cells / 2; col++)
            {
                var bits = hash[8 + row * 2 + col];
                if ((bits & 1) == 0)
                {
                    continue;
                }
                var fill = (bits & 6) == 6 ? colours.Accent : colours.Shape;
                foreach (var c in new[] { col, cells - 1 - col })
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect x=\"{c * cell + 8}\" y=\"{row * cell + 8}\" width=\"{cell - 16}\" height=\"{cell - 16}\" rx=\"18\" fill=\"{fill}\"/>");
                }
            }
        }
    }

    /// <summary>Three large overlapping circles, translucent where they cross.</summary>
    private static void Circles(StringBuilder svg, byte[] hash, CoverColours colours)
    {
        for (var i = 0; i < 3; i++)
        {
            var cx = hash[16 + i] * Size / 255;
            var cy = hash[19 + i] * Size / 255;
            var r = 120 + hash[22 + i] % 140;
            var fill = i == 2 ? colours.Accent : colours.Shape;
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{fill}\" fill-opacity=\"0.85\"/>");
        }
    }

    private static byte[] Hash(string title) => SHA256.HashData(Encoding.UTF8.GetBytes(title.Trim()));

    private static string Hex(double hue, double saturation, double lightness)
    {
        // HSL to RGB (CSS Color 4).
        double Channel(int n)
        {
            var k = (n + hue / 30) % 12;
            var a = saturation * Math.Min(lightness, 1 - lightness);
            return lightness - a * Math.Max(-1, Math.Min(Math.Min(k - 3, 9 - k), 1));
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"#{(int)Math.Round(Channel(0) * 255):x2}{(int)Math.Round(Channel(8) * 255):x2}{(int)Math.Round(Channel(4) * 255):x2}");
    }
}

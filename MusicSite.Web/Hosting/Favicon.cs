namespace MusicSite.Web.Hosting;

/// <summary>
/// /favicon.ico, which browsers ask for on every site whatever the page links. Pages link the SVG icon
/// (wwwroot/favicon.svg); this is the same mark drawn in code as a 32×32 icon file, so no binary lives in the
/// repository: the accent-coloured disc with a play triangle cut out of it.
/// </summary>
public static class Favicon
{
    private const int Size = 32;
    private const int Samples = 4; // per axis, for smooth edges
    private static readonly (byte R, byte G, byte B) Accent = (0x6b, 0x2f, 0xd6);

    private static readonly Lazy<byte[]> Icon = new(Draw);

    public static IEndpointRouteBuilder MapFavicon(this IEndpointRouteBuilder app)
    {
        app.MapGet("/favicon.ico", GetIcon).ExcludeFromDescription();
        return app;
    }

    private static IResult GetIcon(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=604800";
        return Results.File(Icon.Value, "image/x-icon");
    }

    /// <summary>An ICO file holding one 32-bit BMP image (bottom-up BGRA rows, then an all-zero AND mask).</summary>
    internal static byte[] Draw()
    {
        const int header = 6 + 16, info = 40, pixels = Size * Size * 4, mask = Size * (Size / 8);
        var ico = new byte[header + info + pixels + mask];
        var w = new BinaryWriter(new MemoryStream(ico));
        w.Write((ushort)0); w.Write((ushort)1); w.Write((ushort)1);                 // ICONDIR: reserved, type icon, one image
        w.Write((byte)Size); w.Write((byte)Size); w.Write((byte)0); w.Write((byte)0); // ICONDIRENTRY: size, no palette
        w.Write((ushort)1); w.Write((ushort)32); w.Write(info + pixels + mask); w.Write(header);
        w.Write(info); w.Write(Size); w.Write(Size * 2); w.Write((ushort)1); w.Write((ushort)32); // BITMAPINFOHEADER
        w.Write(0); w.Write(pixels + mask); w.Write(0); w.Write(0); w.Write(0); w.Write(0);
        for (var row = Size - 1; row >= 0; row--)
        {
            for (var col = 0; col < Size; col++)
            {
                var (disc, play) = Coverage(col, row);
                var alpha = disc;
                var white = alpha == 0 ? 0 : play / alpha;
                w.Write(Mix(Accent.B, white)); w.Write(Mix(Accent.G, white)); w.Write(Mix(Accent.R, white));
                w.Write((byte)Math.Round(alpha * 255));
            }
        }
        return ico;
    }

    private static byte Mix(byte accent, double white) => (byte)Math.Round(accent + (255 - accent) * white);

    /// <summary>The share of a pixel covered by the disc, and by the play triangle inside it.</summary>
    private static (double Disc, double Play) Coverage(int col, int row)
    {
        int disc = 0, play = 0;
        for (var sy = 0; sy < Samples; sy++)
        {
            for (var sx = 0; sx < Samples; sx++)
            {
                var x = col + (sx + .5) / Samples - Size / 2.0;
                var y = row + (sy + .5) / Samples - Size / 2.0;
                if (x * x + y * y > 15.5 * 15.5) continue;
                disc++;
                // A triangle pointing right: x from -5 to 8, half-height shrinking from 8 to 0.
                if (x >= -5 && x <= 8 && Math.Abs(y) <= (8 - x) * 8 / 13) play++;
            }
        }
        return (disc / (double)(Samples * Samples), play / (double)(Samples * Samples));
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusicSite.Common;
using MusicSite.Genres;

namespace MusicSite.Seeding;

public sealed record GenreSeed(string Name, string Slug, string Description, string? ParentSlug, int Depth);
public sealed record GenreRelationSeed(string FromSlug, string ToSlug, GenreRelationKind Kind, double Weight);
public sealed record InstrumentSeed(string Name, string Category);
public sealed record LicenseSeed(string Code, string Name, string? Url, bool AllowsRemix, bool AllowsCommercial,
    bool RequiresAttribution, bool ShareAlike);

public sealed class DemoCatalogSeed
{
    public List<DemoArtistSeed> Artists { get; set; } = [];
}

public sealed class DemoArtistSeed
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Bio { get; set; }
    public List<DemoAlbumSeed> Albums { get; set; } = [];
    public List<DemoTrackSeed> Singles { get; set; } = [];
}

public sealed class DemoAlbumSeed
{
    public string Title { get; set; } = "";
    public DateOnly? ReleaseDate { get; set; }
    public string? Description { get; set; }
    public List<string> Genres { get; set; } = [];
    public List<DemoTrackSeed> Tracks { get; set; } = [];
}

public sealed class DemoTrackSeed
{
    public string Title { get; set; } = "";
    public List<string> Genres { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public int? Bpm { get; set; }
    public string? Key { get; set; }
    public string License { get; set; } = "cc-by";
    public string? Description { get; set; }
    public double DurationSeconds { get; set; }
    /// <summary>An ffmpeg lavfi filtergraph with one audio output: how the track's audio is made. Recipes end in an
    /// <c>amix</c> of numbered layers; a derived track's recipe is made from its original's (<see cref="BasedOn"/>).</summary>
    public string Recipe { get; set; } = "";
    /// <summary>Layers of the recipe published as stems.</summary>
    public List<DemoStemSeed> Stems { get; set; } = [];
    /// <summary>Set for a remix, edit…: the original, and how this track's audio is made from it.</summary>
    public DemoDerivationSeed? BasedOn { get; set; }
}

/// <summary>One layer of a demo recipe, rendered alone as a stem.</summary>
public sealed class DemoStemSeed
{
    public int Layer { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The name of a seeded instrument type.</summary>
    public string Instrument { get; set; } = "";
    public bool RemixAllowed { get; set; } = true;
    public bool IsDownloadable { get; set; } = true;
}

/// <summary>A demo track made from another: the original's layers (all when empty), then extra filters.</summary>
public sealed class DemoDerivationSeed
{
    /// <summary>The original's title.</summary>
    public string Title { get; set; } = "";
    /// <summary>remix, edit, cover, mashup or sample-based.</summary>
    public string Kind { get; set; } = "remix";
    public List<int>? Layers { get; set; }
    /// <summary>An ffmpeg filter chain applied to the result.</summary>
    public string? Filters { get; set; }
    /// <summary>Names of the original's stems this track uses.</summary>
    public List<string> UsesStems { get; set; } = [];
}

/// <summary>Reads the text files under seeds/. Each format is described at the top of its file.</summary>
public static partial class SeedFiles
{
    public static IReadOnlyList<GenreSeed> ReadGenres(string path)
    {
        var result = new List<GenreSeed>();
        var parents = new List<string>(); // slug at each depth along the current branch
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            if (IsSkippable(raw))
            {
                continue;
            }
            var indent = raw.Length - raw.TrimStart(' ').Length;
            if (indent % 2 != 0 || indent / 2 > parents.Count)
            {
                throw new FormatException($"{path}:{lineNumber}: indentation must step by two spaces.");
            }
            var depth = indent / 2;
            var fields = Fields(raw, 2, path, lineNumber);
            var slug = Slug.From(fields[0]);
            parents.RemoveRange(depth, parents.Count - depth);
            result.Add(new GenreSeed(fields[0], slug, fields[1], depth == 0 ? null : parents[depth - 1], depth));
            parents.Add(slug);
        }
        return result;
    }

    public static IReadOnlyList<GenreRelationSeed> ReadGenreRelations(string path) =>
        ReadRows(path, 4, (f, where) => new GenreRelationSeed(f[0], f[1],
            Enum.TryParse<GenreRelationKind>(f[2], ignoreCase: true, out var kind)
                ? kind : throw new FormatException($"{where}: unknown relation kind '{f[2]}'."),
            double.Parse(f[3], CultureInfo.InvariantCulture)));

    public static IReadOnlyList<InstrumentSeed> ReadInstruments(string path) =>
        ReadRows(path, 2, (f, _) => new InstrumentSeed(f[0], f[1]));

    public static IReadOnlyList<LicenseSeed> ReadLicenses(string path) =>
        ReadRows(path, 7, (f, _) => new LicenseSeed(f[0], f[1], f[2].Length == 0 ? null : f[2],
            bool.Parse(f[3]), bool.Parse(f[4]), bool.Parse(f[5]), bool.Parse(f[6])));

    public static DemoCatalogSeed ReadDemoCatalog(string path)
    {
        DemoCatalogSeed catalog;
        using (var stream = File.OpenRead(path))
        {
            catalog = JsonSerializer.Deserialize<DemoCatalogSeed>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                      ?? throw new FormatException($"{path}: empty catalog.");
        }
        DemoRecipes.ResolveDerived(catalog);
        return catalog;
    }

    public static bool IsValidKey(string key) => Catalog.MusicalKey.Normalize(key) == key;

    private static List<T> ReadRows<T>(string path, int fieldCount, Func<string[], string, T> map)
    {
        var rows = new List<T>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            if (!IsSkippable(raw))
            {
                rows.Add(map(Fields(raw, fieldCount, path, lineNumber), $"{path}:{lineNumber}"));
            }
        }
        return rows;
    }

    private static bool IsSkippable(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    private static string[] Fields(string line, int count, string path, int lineNumber)
    {
        var fields = line.Split('|').Select(f => f.Trim()).ToArray();
        if (fields.Length != count)
        {
            throw new FormatException($"{path}:{lineNumber}: expected {count} fields separated by '|'.");
        }
        return fields;
    }
}

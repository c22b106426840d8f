using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Web.Components.Pages.Admin.Genres;

/// <summary>What the curation pages say when a change is refused, by error code, in the genres' own names.</summary>
public static class GenreCurationMessages
{
    /// <summary>"12 tracks, 2 albums and 3 subgenres" (only what is there; "nothing" when empty).</summary>
    public static string Describe(GenreHoldings contents)
    {
        var parts = new[]
            {
                (contents.Tracks, "track", "tracks"), (contents.Albums, "album", "albums"),
                (contents.Subgenres, "subgenre", "subgenres"), (contents.Relations, "curated relation", "curated relations"),
            }
            .Where(p => p.Item1 > 0).Select(p => Format.Count(p.Item1, p.Item2, p.Item3)).ToList();
        return parts.Count switch
        {
            0 => "nothing",
            1 => parts[0],
            _ => string.Join(", ", parts[..^1]) + " and " + parts[^1],
        };
    }

    /// <summary>A refused save of a genre's details (name, slug, description, parent).</summary>
    public static string Save(string? code, string name, string? parentName) => code switch
    {
        ErrorCodes.GenreCycle when parentName == name => $"{name} cannot go under itself.",
        ErrorCodes.GenreCycle => $"{name} cannot go under {parentName}: it is one of its subgenres.",
        _ => Common(code),
    };

    /// <summary>A refused merge of <paramref name="name"/> into <paramref name="intoName"/>.</summary>
    public static string Merge(string? code, string name, string? intoName) => code switch
    {
        ErrorCodes.GenreCycle when intoName == name || intoName is null => $"{name} cannot be merged into itself.",
        ErrorCodes.GenreCycle => $"{name} cannot be merged into {intoName}: it is one of its subgenres.",
        _ => Common(code),
    };

    /// <summary>A refused delete.</summary>
    public static string Delete(string? code, string name, GenreHoldings contents) => code switch
    {
        ErrorCodes.GenreNotEmpty => $"{name} still has {Describe(contents)}: choose a genre to move them to.",
        ErrorCodes.GenreCycle => $"{name} cannot hand its contents to one of its own subgenres: they are deleted with it.",
        _ => Common(code),
    };

    public static string Common(string? code) => code switch
    {
        ErrorCodes.GenreExists => "Another genre already has this name or slug, or had the slug before a rename. Choose another.",
        ErrorCodes.GenreNotFound => "One of these genres no longer exists: it may have been merged or deleted. Reload the page.",
        ErrorCodes.ValidationFailed => "Some details need fixing.",
        _ => "The change could not be made. Reload the page and try again.",
    };
}

using MusicSite.Common;

namespace MusicSite.Genres;

/// <summary>A tree narrowed by a filter: the genres whose name matched, and their ancestors to show where they sit.</summary>
public sealed record NarrowedGenreTree(IReadOnlyList<GenreNode> Tree, IReadOnlySet<int> Matched);

/// <summary>The one owner of "which genres does this filter text find" (the /genres filter box).</summary>
public static class GenreTreeFilter
{
    /// <summary>True when the name holds the text, in any letter case, with or without accents, and with spaces,
    /// dashes and "&amp;"/"and" taken as the same ("hip hop" finds Hip-Hop, "r&amp;b" finds R&amp;B).</summary>
    public static bool Matches(string name, string text)
    {
        var wanted = text.Trim();
        if (wanted.Length == 0)
        {
            return false;
        }
        if (name.Contains(wanted, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var folded = Slug.From(wanted);
        return folded.Length > 0 && Slug.From(name).Contains(folded, StringComparison.Ordinal);
    }

    /// <summary>The genres whose name matches <paramref name="text"/>, each under its ancestors (in the tree's
    /// order); a matched genre's children are kept only when they match too.</summary>
    public static NarrowedGenreTree Narrow(IReadOnlyList<GenreNode> tree, string text)
    {
        var matched = new HashSet<int>();
        IReadOnlyList<GenreNode> Keep(IReadOnlyList<GenreNode> nodes)
        {
            var kept = new List<GenreNode>();
            foreach (var node in nodes)
            {
                var children = Keep(node.Children);
                var isMatch = Matches(node.Name, text);
                if (isMatch)
                {
                    matched.Add(node.Id);
                }
                if (isMatch || children.Count > 0)
                {
                    kept.Add(node with { Children = children });
                }
            }
            return kept;
        }
        return new NarrowedGenreTree(Keep(tree), matched);
    }
}

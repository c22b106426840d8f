using MusicSite.Genres;

namespace MusicSite.Web.Components.Shared;

/// <summary>A genre with the names above it, for lists that show where a genre sits in the tree.</summary>
public sealed record GenrePath(GenreNode Genre, IReadOnlyList<string> Ancestors, int Depth)
{
    /// <summary>"Electronic › House › Deep House".</summary>
    public string Path => string.Join(" › ", Ancestors.Append(Genre.Name));

    /// <summary>Every genre of the tree, depth first, each family before its children.</summary>
    public static IReadOnlyList<GenrePath> Flatten(IReadOnlyList<GenreNode> tree)
    {
        var result = new List<GenrePath>();
        void Walk(GenreNode node, IReadOnlyList<string> ancestors)
        {
            result.Add(new GenrePath(node, ancestors, ancestors.Count));
            var below = ancestors.Append(node.Name).ToList();
            foreach (var child in node.Children)
            {
                Walk(child, below);
            }
        }
        foreach (var family in tree)
        {
            Walk(family, []);
        }
        return result;
    }
}

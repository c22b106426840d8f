using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;
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

    private static readonly ConditionalWeakTable<IReadOnlyList<GenreNode>, object> Options = new();

    /// <summary>
    /// The &lt;option&gt;s of a datalist offering every genre by name, each labelled with its place in the tree. Built
    /// once per tree: the catalog's genre tree is kept until content changes, and a datalist of a few hundred genres
    /// was a few hundred components' worth of markup on every catalog page.
    /// </summary>
    public static MarkupString DatalistOptions(IReadOnlyList<GenreNode> tree) =>
        (MarkupString)Options.GetValue(tree, t =>
        {
            var html = new StringBuilder();
            foreach (var genre in Flatten(t))
            {
                html.Append("<option value=\"").Append(WebUtility.HtmlEncode(genre.Genre.Name))
                    .Append("\" label=\"").Append(WebUtility.HtmlEncode(genre.Path)).Append("\"></option>");
            }
            return new MarkupString(html.ToString());
        });
}

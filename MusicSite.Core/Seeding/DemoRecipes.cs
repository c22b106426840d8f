using System.Globalization;
using System.Text.RegularExpressions;

namespace MusicSite.Seeding;

/// <summary>
/// Works on the demo catalog's recipes, which all end in <c>amix=inputs=N:normalize=0</c> over numbered layers:
/// one layer alone (a stem), or a track made from another's layers (a remix). Weights of 0 and 1 in an amix
/// without normalising keep every layer exactly as loud as in the full mix, so the stems add up to the track.
/// </summary>
public static partial class DemoRecipes
{
    [GeneratedRegex(@"amix=inputs=(\d+):normalize=0(?::weights='([01 ]*)')?(?=[,\[])")]
    private static partial Regex FinalMix();

    private const string Output = "[out0]";

    /// <summary>How many layers the recipe mixes.</summary>
    public static int LayerCount(string recipe) =>
        int.Parse(LastMix(recipe).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The recipe with only <paramref name="layer"/> heard.</summary>
    public static string Solo(string recipe, int layer) => Derive(recipe, [layer], null);

    /// <summary>The recipe with only <paramref name="layers"/> heard (all when null), then <paramref name="filters"/>.</summary>
    public static string Derive(string recipe, IReadOnlyCollection<int>? layers, string? filters)
    {
        var mix = LastMix(recipe);
        var count = int.Parse(mix.Groups[1].Value, CultureInfo.InvariantCulture);
        var result = recipe;
        if (layers is not null)
        {
            if (layers.Count == 0 || layers.Any(l => l < 0 || l >= count))
            {
                throw new FormatException($"Layers must be between 0 and {count - 1}.");
            }
            // A recipe that is itself derived keeps only the layers both choose.
            var kept = mix.Groups[2].Success ? mix.Groups[2].Value.Split(' ') : null;
            var weights = string.Join(' ', Enumerable.Range(0, count)
                .Select(i => layers.Contains(i) && (kept is null || kept[i] == "1") ? "1" : "0"));
            result = $"{recipe[..mix.Index]}amix=inputs={count}:normalize=0:weights='{weights}'{recipe[(mix.Index + mix.Length)..]}";
        }
        if (!string.IsNullOrWhiteSpace(filters))
        {
            if (!result.EndsWith(Output, StringComparison.Ordinal))
            {
                throw new FormatException($"A recipe must end in {Output}.");
            }
            result = $"{result[..^Output.Length]},{filters.Trim()}{Output}";
        }
        return result;
    }

    /// <summary>Fills in the recipe of every derived track from its original's, originals first, whatever the
    /// order in the file. An unknown original, a cycle or a stem the original does not publish is an error.</summary>
    public static void ResolveDerived(DemoCatalogSeed catalog)
    {
        var tracks = catalog.Artists.SelectMany(a => a.Albums.SelectMany(al => al.Tracks).Concat(a.Singles)).ToList();
        var byTitle = tracks.ToDictionary(t => t.Title, StringComparer.Ordinal);
        var resolving = new HashSet<DemoTrackSeed>(ReferenceEqualityComparer.Instance);
        var resolved = new HashSet<DemoTrackSeed>(ReferenceEqualityComparer.Instance);

        void Resolve(DemoTrackSeed track)
        {
            if (track.BasedOn is not { } basis || resolved.Contains(track))
            {
                return;
            }
            if (!resolving.Add(track))
            {
                throw new FormatException($"Demo track '{track.Title}' is derived from itself.");
            }
            if (!byTitle.TryGetValue(basis.Title, out var original))
            {
                throw new FormatException($"Demo track '{track.Title}' is based on '{basis.Title}', which is not in the catalog.");
            }
            foreach (var name in basis.UsesStems.Where(n => original.Stems.All(s => s.Name != n)))
            {
                throw new FormatException($"Demo track '{track.Title}' uses a stem '{name}' that '{original.Title}' does not have.");
            }
            Resolve(original);
            track.Recipe = Derive(original.Recipe, basis.Layers, basis.Filters);
            resolved.Add(track);
        }

        foreach (var track in tracks)
        {
            Resolve(track);
        }
    }

    private static Match LastMix(string recipe) =>
        FinalMix().Matches(recipe) is { Count: > 0 } matches
            ? matches[^1]
            : throw new FormatException("The recipe has no final amix=inputs=N:normalize=0.");
}

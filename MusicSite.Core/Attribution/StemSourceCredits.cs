using MusicSite.Catalog;

namespace MusicSite.Attribution;

/// <summary>The public addresses credits give: a track's page and a stem's page, by id (formed by the web edge).</summary>
public sealed record CreditPages(Func<int, string> Track, Func<int, string> Stem);

/// <summary>
/// A track's sources as credits list them: every original and used stem down every generation, from the lineage's
/// credits query (<see cref="Lineage.CreditsAsync"/>), which masks what the viewer may not see.
/// </summary>
public sealed class StemSourceCredits(Lineage lineage)
{
    public async Task<IReadOnlyList<CreditSource>> ForAsync(int trackId, Viewer viewer, CreditPages? pages, CancellationToken cancellationToken)
    {
        if (await lineage.CreditsAsync(trackId, viewer, cancellationToken) is not { } credits)
        {
            return [];
        }
        return credits.BasedOn.Select(node => ToSource(node, pages)).ToList();
    }

    private static CreditSource ToSource(LineageNode node, CreditPages? pages)
    {
        var generation = Math.Max(1, node.Generation);
        if (node.IsMasked || node.Id is not { } id)
        {
            return new CreditSource(generation, null, null, null, null, Masked: node.Label);
        }
        var license = node.License is { } l ? new CreditLicense(l.Name, l.Url) : null;
        return node.Kind == LineageNames.Stem
            ? new CreditSource(generation, node.Title, node.Artist, pages?.Stem(id), license, IsStem: true, Instrument: node.Instrument)
            : new CreditSource(generation, node.Title, node.Artist, pages?.Track(id), license);
    }
}

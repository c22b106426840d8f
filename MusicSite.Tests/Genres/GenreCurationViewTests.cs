using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>What the curation pages read about a genre: what sits directly on it (what a merge or delete moves),
/// its curated relations from both ends, its ancestors root first and its subtree.</summary>
public sealed class GenreCurationViewTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    [Fact]
    public async Task Find_GenreInTheMiddle_CountsItsOwnContentsAndSeesRelationsFromBothEnds()
    {
        var key = ArtistRows.Token();
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var top = new Genre { Name = $"Top {key}", Slug = $"top-{key}" };
        var middle = new Genre { Name = $"Middle {key}", Slug = $"middle-{key}", Parent = top };
        var leaf = new Genre { Name = $"Leaf {key}", Slug = $"leaf-{key}", Parent = middle };
        var leaf2 = new Genre { Name = $"Leaf two {key}", Slug = $"leaf-two-{key}", Parent = middle };
        var other = new Genre { Name = $"Other {key}", Slug = $"other-{key}" };
        var third = new Genre { Name = $"Third {key}", Slug = $"third-{key}" };
        db.Genres.AddRange(top, middle, leaf, leaf2, other, third);
        await db.SaveChangesAsync();
        var user = await ArtistRows.UserAsync(core.Services, "Curation View");
        var onMiddle = await ArtistRows.TrackAsync(core.Services, user, "On middle");
        var onLeaf = await ArtistRows.TrackAsync(core.Services, user, "On leaf");
        var album = await ArtistRows.AlbumAsync(core.Services, user, "Middle album");
        db.TrackGenres.AddRange(new TrackGenre { TrackId = onMiddle, GenreId = middle.Id }, new TrackGenre { TrackId = onLeaf, GenreId = leaf.Id });
        db.AlbumGenres.Add(new AlbumGenre { AlbumId = album, GenreId = middle.Id });
        db.GenreRelations.AddRange(
            new GenreRelation { FromGenreId = middle.Id, ToGenreId = other.Id, Kind = GenreRelationKind.Similar, Weight = 0.4 },
            new GenreRelation { FromGenreId = third.Id, ToGenreId = middle.Id, Kind = GenreRelationKind.Related, Weight = 0.9 });
        await db.SaveChangesAsync();

        var found = (await scope.ServiceProvider.GetRequiredService<GenreCurationView>().FindAsync(middle.Id, CancellationToken.None))!;

        Assert.Equal(new GenreHoldings(Tracks: 1, Albums: 1, Subgenres: 2, Relations: 2), found.Contents);
        Assert.Equal([(third.Id, GenreRelationKind.Related, 0.9), (other.Id, GenreRelationKind.Similar, 0.4)],
            found.Relations.Select(r => (r.OtherId, r.Kind, r.Weight)));
        Assert.Equal([top.Id], found.Ancestors.Select(a => a.Id));
        Assert.Equal(new[] { middle.Id, leaf.Id, leaf2.Id }.Order(), found.Subtree.Order());
        Assert.Equal([top.Id, middle.Id],
            (await scope.ServiceProvider.GetRequiredService<GenreCurationView>().FindAsync(leaf.Id, CancellationToken.None))!.Ancestors.Select(a => a.Id));
    }

    [Fact]
    public async Task Find_UnknownGenre_IsNull()
    {
        await using var scope = core.Scope();

        Assert.Null(await scope.ServiceProvider.GetRequiredService<GenreCurationView>().FindAsync(987_654, CancellationToken.None));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Genres;

/// <summary>The genre a catalog filter names (<see cref="GenreDirectory.NamedAsync"/>), on the seeded tree.</summary>
public sealed class GenreNamingTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    [Fact]
    public async Task SlugIdNameInAnyCaseAndWords_AllFindTheGenre_AnUnknownNameNone()
    {
        await using var scope = core.Scope();
        var genres = scope.ServiceProvider.GetRequiredService<GenreDirectory>();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var deepHouse = await db.Genres.AsNoTracking().SingleAsync(g => g.Slug == "deep-house");

        foreach (var named in new[] { "deep-house", "DEEP-HOUSE", "Deep House", "deep house", "Deep  House!", deepHouse.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            var found = await genres.NamedAsync(named, CancellationToken.None);
            Assert.Equal((deepHouse.Id, "Deep House", "deep-house"), (found?.Id, found?.Name, found?.Slug));
        }
        Assert.Null(await genres.NamedAsync("no such genre", CancellationToken.None));
        Assert.Null(await genres.NamedAsync("0" + deepHouse.Id, CancellationToken.None)); // not the id's own spelling
    }

    [Fact]
    public async Task RenamedGenre_IsFoundByItsNewName_AtOnce()
    {
        await using var scope = core.Scope();
        var genres = scope.ServiceProvider.GetRequiredService<GenreDirectory>();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        Assert.NotNull(await genres.NamedAsync("Bebop", CancellationToken.None)); // the tree is kept from here on

        var bebop = await db.Genres.SingleAsync(g => g.Slug == "bebop");
        bebop.Name = "Bop";
        await db.SaveChangesAsync();

        Assert.Equal(bebop.Id, (await genres.NamedAsync("BOP", CancellationToken.None))?.Id); // by its name, in any case
        Assert.Equal("Bop", (await genres.NamedAsync("bebop", CancellationToken.None))?.Name); // its slug stays
    }
}

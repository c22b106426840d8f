using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Genres;

/// <summary>The genre a catalog filter names (<see cref="GenreDirectory.NamedAsync"/>), and a genre page's details
/// (<see cref="GenreDirectory.FindAsync(string, CancellationToken)"/>), both read from what is kept, on the seeded tree.</summary>
public sealed class GenreDirectoryKeptTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
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

    [Fact]
    public async Task KeptDetail_ShowsAnEditToTheGenreOrItsChildAtOnce_AndAnUnknownSlugIsNull()
    {
        await using var scope = core.Scope();
        var genres = scope.ServiceProvider.GetRequiredService<GenreDirectory>();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var folk = await genres.FindAsync("folk", CancellationToken.None);
        Assert.Contains("Celtic", folk!.Children.Select(c => c.Name));
        Assert.Same(folk, await genres.FindAsync("folk", CancellationToken.None)); // kept

        var celtic = await db.Genres.SingleAsync(g => g.Slug == "celtic");
        celtic.Name = "Celtic Folk";
        var folkRow = await db.Genres.SingleAsync(g => g.Slug == "folk");
        folkRow.Description = "Songs passed on.";
        await db.SaveChangesAsync();

        var edited = await genres.FindAsync("folk", CancellationToken.None);
        Assert.Equal("Songs passed on.", edited!.Description);
        Assert.Contains("Celtic Folk", edited.Children.Select(c => c.Name));
        Assert.Equal(edited.Id, (await genres.FindAsync(edited.Id, CancellationToken.None))?.Id);
        Assert.Null(await genres.FindAsync("no-such-genre", CancellationToken.None));
        Assert.Null(await genres.FindAsync(int.MaxValue, CancellationToken.None));
    }
}

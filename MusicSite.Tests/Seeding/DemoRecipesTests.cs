using MusicSite.Seeding;

namespace MusicSite.Tests.Seeding;

public sealed class DemoRecipesTests
{
    private const string Recipe = "sine=f=100[l0];sine=f=200[l1];sine=f=300[l2];[l0][l1][l2]amix=inputs=3:normalize=0,volume=-2dB[out0]";

    [Fact]
    public void Solo_WeightsOnlyThatLayer()
    {
        Assert.Equal(3, DemoRecipes.LayerCount(Recipe));
        Assert.Equal("sine=f=100[l0];sine=f=200[l1];sine=f=300[l2];[l0][l1][l2]amix=inputs=3:normalize=0:weights='0 1 0',volume=-2dB[out0]",
            DemoRecipes.Solo(Recipe, 1));
    }

    [Fact]
    public void Derive_KeepsTheChosenLayers_ThenAppliesTheFilters()
    {
        Assert.EndsWith("amix=inputs=3:normalize=0:weights='1 0 1',volume=-2dB,atempo=0.9[out0]",
            DemoRecipes.Derive(Recipe, [0, 2], "atempo=0.9"), StringComparison.Ordinal);
        Assert.Equal(Recipe.Replace("[out0]", ",aecho=0.8:0.6:330:0.3[out0]", StringComparison.Ordinal),
            DemoRecipes.Derive(Recipe, null, "aecho=0.8:0.6:330:0.3"));
    }

    [Fact]
    public void Derive_OfADerivedRecipe_KeepsOnlyLayersBothChoose()
    {
        var derived = DemoRecipes.Derive(DemoRecipes.Derive(Recipe, [0, 1], "atempo=0.9"), [1, 2], null);

        Assert.Contains("amix=inputs=3:normalize=0:weights='0 1 0',volume=-2dB,atempo=0.9[out0]", derived, StringComparison.Ordinal);
        Assert.Equal(3, DemoRecipes.LayerCount(derived));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Solo_OfALayerThatIsNotThere_IsAnError(int layer) =>
        Assert.Throws<FormatException>(() => DemoRecipes.Solo(Recipe, layer));

    [Fact]
    public void ResolveDerived_BuildsChainsInAnyOrder()
    {
        var edit = Track("Edit", basedOn: new DemoDerivationSeed { Title = "Remix", Kind = "edit", Filters = "highpass=f=40" });
        var remix = Track("Remix", basedOn: new DemoDerivationSeed { Title = "Original", Layers = [0, 1], UsesStems = ["Low"] });
        var original = Track("Original", Recipe);
        original.Stems.Add(new DemoStemSeed { Layer = 0, Name = "Low", Instrument = "Sub Bass" });

        DemoRecipes.ResolveDerived(Catalog(edit, remix, original));

        Assert.Contains("weights='1 1 0'", remix.Recipe, StringComparison.Ordinal);
        Assert.EndsWith("weights='1 1 0',volume=-2dB,highpass=f=40[out0]", edit.Recipe, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveDerived_RefusesUnknownOriginals_MissingStems_AndCycles()
    {
        Assert.Throws<FormatException>(() => DemoRecipes.ResolveDerived(Catalog(Track("A", basedOn: new DemoDerivationSeed { Title = "Nope" }))));
        Assert.Throws<FormatException>(() => DemoRecipes.ResolveDerived(Catalog(Track("O", Recipe),
            Track("R", basedOn: new DemoDerivationSeed { Title = "O", UsesStems = ["Drums"] }))));
        Assert.Throws<FormatException>(() => DemoRecipes.ResolveDerived(Catalog(
            Track("A", basedOn: new DemoDerivationSeed { Title = "B" }), Track("B", basedOn: new DemoDerivationSeed { Title = "A" }))));
    }

    [Fact]
    public void TheSeededCatalog_Resolves_AndEveryStemLayerExists()
    {
        var catalog = SeedFiles.ReadDemoCatalog(Path.Combine(Infrastructure.RepositoryPaths.Root, "seeds", "demo-catalog.json"));
        var tracks = catalog.Artists.SelectMany(a => a.Albums.SelectMany(al => al.Tracks).Concat(a.Singles)).ToList();

        Assert.Contains(tracks, t => t.Stems.Count > 0);
        Assert.Contains(tracks, t => t.BasedOn is not null);
        Assert.All(tracks.SelectMany(t => t.Stems.Select(s => (t, s))),
            pair => Assert.InRange(pair.s.Layer, 0, DemoRecipes.LayerCount(pair.t.Recipe) - 1));
        Assert.All(tracks.Where(t => t.BasedOn is not null), t => Assert.EndsWith("[out0]", t.Recipe, StringComparison.Ordinal));
    }

    [Fact]
    public void TheSeededLinks_NameAKind_AndTheirLicensesAllowThem()
    {
        var seeds = Path.Combine(Infrastructure.RepositoryPaths.Root, "seeds");
        var licenses = SeedFiles.ReadLicenses(Path.Combine(seeds, "licenses.txt")).ToDictionary(l => l.Code, l => new Catalog.License
        {
            Code = l.Code, Name = l.Name, Url = l.Url, AllowsRemix = l.AllowsRemix, AllowsCommercial = l.AllowsCommercial,
            RequiresAttribution = l.RequiresAttribution, ShareAlike = l.ShareAlike,
        });
        var tracks = SeedFiles.ReadDemoCatalog(Path.Combine(seeds, "demo-catalog.json")).Artists
            .SelectMany(a => a.Albums.SelectMany(al => al.Tracks).Concat(a.Singles)).ToDictionary(t => t.Title);

        Assert.All(tracks.Values.Where(t => t.BasedOn is not null), derived =>
        {
            Assert.True(Attribution.LineageNames.TryParse(derived.BasedOn!.Kind, out _), derived.BasedOn.Kind);
            var verdict = Attribution.LicenseCompatibility.Check(licenses[tracks[derived.BasedOn.Title].License], licenses[derived.License]);
            Assert.True(verdict.Outcome == Attribution.Compatibility.Allowed, $"{derived.Title}: {verdict.Reason}");
        });
    }

    private static DemoTrackSeed Track(string title, string recipe = "", DemoDerivationSeed? basedOn = null) =>
        new() { Title = title, Recipe = recipe, BasedOn = basedOn };

    private static DemoCatalogSeed Catalog(params DemoTrackSeed[] tracks) =>
        new() { Artists = [new DemoArtistSeed { Singles = [.. tracks] }] };
}

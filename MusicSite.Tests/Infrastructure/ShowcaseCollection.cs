namespace MusicSite.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="ShowcaseSite"/> (its catalog takes a while to process).</summary>
[CollectionDefinition(Name)]
public sealed class ShowcaseCollection : ICollectionFixture<ShowcaseSite>
{
    public const string Name = "Showcase site";
}

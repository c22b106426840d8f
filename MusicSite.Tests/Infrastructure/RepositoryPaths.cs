namespace MusicSite.Tests.Infrastructure;

/// <summary>Folders of the source tree the tests run from (found by walking up from the test assembly to MusicSite.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where test runs leave files for people to look at (./test.sh clears it first; git ignores it).</summary>
    public static string TestOutput(string folder)
    {
        var path = Path.Combine(Root, ".test-output", folder);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MusicSite.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("MusicSite.sln was not found above " + AppContext.BaseDirectory);
    }
}

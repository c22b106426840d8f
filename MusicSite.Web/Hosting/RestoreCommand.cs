using MusicSite.Admin.Backups;
using MusicSite.Hosting;

namespace MusicSite.Web.Hosting;

/// <summary>
/// <c>dotnet MusicSite.Web.dll restore &lt;backup&gt; [settings]</c>: handled before the web host is built, so nothing of
/// the site starts. The data directory comes from the same configuration the site reads (appsettings.json,
/// MUSICSITE_DATA, MusicSite__DataDirectory, <c>--MusicSite:DataDirectory=...</c>). The work is <see cref="BackupRestore"/>'s.
/// </summary>
public static class RestoreCommand
{
    public const string Verb = "restore";

    public static bool IsRestore(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            Console.Error.WriteLine("Usage: dotnet MusicSite.Web.dll restore <backup name | backup folder | backup .tar.gz> [--MusicSite:DataDirectory=<dir>]");
            return RestoreExit.Usage;
        }
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[2..])
            .Build();
        var paths = CoreServices.ReadSiteOptions(configuration).Paths;
        Console.Out.WriteLine($"Restoring into {paths.FullRoot}.");
        var code = await new BackupRestore(paths, Console.Out, TimeProvider.System).RunAsync(args[1], CancellationToken.None);
        Console.Out.WriteLine(code == RestoreExit.Restored ? "Restore finished. Start the site." : $"Restore ended with exit code {code}.");
        return code;
    }
}

using MusicSite.Web.Hosting;

// `restore <backup>` works on a stopped site's data directory and never starts the web host.
if (RestoreCommand.IsRestore(args))
{
    return await RestoreCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMusicSite();

var app = builder.Build();
await app.InitializeMusicSiteAsync();
app.UseMusicSite();
app.Run();
return 0;

/// <summary>Entry point, public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;

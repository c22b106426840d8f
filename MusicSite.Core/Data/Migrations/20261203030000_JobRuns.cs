using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>The job-run history of /admin/jobs: one row per finished run of a scheduled job.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261203030000_JobRuns")]
public sealed class JobRuns : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("JobRuns", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            JobGroup = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            JobName = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            Description = t.Column<string>("TEXT", maxLength: 500, nullable: true),
            FireInstanceId = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Node = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            StartedAt = t.Column<DateTime>("TEXT", nullable: false),
            EndedAt = t.Column<DateTime>("TEXT", nullable: false),
            Outcome = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            Error = t.Column<string>("TEXT", maxLength: 1000, nullable: true),
            ToolLog = t.Column<string>("TEXT", nullable: true),
            SubjectType = t.Column<string>("TEXT", maxLength: 20, nullable: true),
            SubjectId = t.Column<int>("INTEGER", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_JobRuns", x => x.Id));
        mb.CreateIndex("IX_JobRuns_StartedAt", "JobRuns", "StartedAt");
        mb.CreateIndex("IX_JobRuns_Outcome_StartedAt", "JobRuns", ["Outcome", "StartedAt"]);
        mb.CreateIndex("IX_JobRuns_SubjectType_SubjectId", "JobRuns", ["SubjectType", "SubjectId"]);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("JobRuns");
}

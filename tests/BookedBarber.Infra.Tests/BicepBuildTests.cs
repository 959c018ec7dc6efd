namespace BookedBarber.Infra.Tests;

public sealed class BicepBuildTests
{
    [Fact]
    public void MainBicep_Builds_WithNoDiagnostics()
    {
        var build = BicepCompiler.MainBuild;

        Assert.True(build.ExitCode == 0, $"bicep build exited {build.ExitCode}:\n{build.Diagnostics}");
        // Warnings (linter included, see infra/bicepconfig.json) leave the exit code at 0, so they are checked apart.
        Assert.True(build.Diagnostics.Length == 0, $"bicep build reported:\n{build.Diagnostics}");
        Assert.NotNull(build.Template);
    }

    [Fact]
    public void MainBicep_UsesOnlyLocalModules()
    {
        // Registry modules (br:, ts:) cannot be restored offline; local modules compile into inline templates.
        foreach (var module in BicepCompiler.MainTemplate.OfType(ArmTemplate.DeploymentType))
            Assert.True(module.Properties["template"] is not null, $"Module '{module.Name}' is not an inline (local) template.");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.File("infra"), "*.bicep", SearchOption.AllDirectories))
            Assert.DoesNotMatch(@"module\s+\w+\s+'(br|ts)[:/]", File.ReadAllText(file));
    }

    [Fact]
    public void MainBicep_TargetsTheSubscription()
    {
        // azd's convention: main.bicep creates the resource group itself.
        var schema = BicepCompiler.MainTemplate.Root["$schema"]!.ToString();
        Assert.Contains("subscriptionDeploymentTemplate", schema);
        Assert.Single(BicepCompiler.MainTemplate.OfType("Microsoft.Resources/resourceGroups"));
    }
}

using Azure.Data.Tables;
using BookedBarber.Payments.Storage;

namespace BookedBarber.Payments.FunctionalTests;

[Collection(AzuriteCollection.Name)]
public sealed class OptimisticUpdateTests(AzuriteFixture azurite)
{
    private TableClient Table => azurite.Shared.Storage.Table(azurite.Shared.Storage.Names.Ids);

    private static string NewPartition() => "optimistic-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ConcurrentUpdates_OfOneRow_FromManyTasks_EachApplyExactlyOnce()
    {
        var partition = NewPartition();

        await Task.WhenAll(Enumerable.Range(1, 16).Select(writer => Task.Run(() =>
            Table.UpdateAsync(partition, "row", current =>
            {
                var writers = current?.GetString("Writers") is { Length: > 0 } csv ? csv.Split(',').ToList() : [];
                writers.Add(writer.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return EntityChanges.Write(new TableEntity(partition, "row") { ["Count"] = writers.Count, ["Writers"] = string.Join(',', writers) }, 0);
            }, default, new OptimisticUpdateOptions { MaxAttempts = 100 }))));

        var stored = (await Table.GetEntityAsync<TableEntity>(partition, "row")).Value;
        Assert.Equal(16, stored.GetInt32("Count"));
        Assert.Equal(Enumerable.Range(1, 16), stored.GetString("Writers")!.Split(',').Select(int.Parse).Order());
    }

    [Fact]
    public async Task AnAbsentRow_IsAdded_AndKeep_WritesNothing()
    {
        var partition = NewPartition();

        var added = await Table.UpdateAsync(partition, "row", current =>
            current is null ? EntityChanges.Write(new TableEntity(partition, "row") { ["Value"] = 1 }, "added") : EntityChanges.Keep("found"), default);
        var before = (await Table.GetEntityAsync<TableEntity>(partition, "row")).Value;
        var kept = await Table.UpdateAsync(partition, "row", current => EntityChanges.Keep(current?.GetInt32("Value")), default);

        Assert.Equal("added", added);
        Assert.Equal(1, kept);
        Assert.Equal(before.ETag, (await Table.GetEntityAsync<TableEntity>(partition, "row")).Value.ETag);
    }

    [Fact]
    public async Task AWrite_GivesTheEntityItsNewETag()
    {
        var partition = NewPartition();
        var entity = new TableEntity(partition, "row") { ["Value"] = 1 };

        await Table.UpdateAsync(partition, "row", _ => EntityChanges.Write(entity, true), default);

        Assert.Equal((await Table.GetEntityAsync<TableEntity>(partition, "row")).Value.ETag, entity.ETag);
    }

    [Fact]
    public async Task AChangeThatThrows_AbortsTheUpdate_WithoutWriting()
    {
        var partition = NewPartition();
        await Table.AddEntityAsync(new TableEntity(partition, "row") { ["Value"] = 1 });
        var before = (await Table.GetEntityAsync<TableEntity>(partition, "row")).Value;

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Table.UpdateAsync<int>(partition, "row", _ => throw new InvalidOperationException("refused"), default));

        var after = (await Table.GetEntityAsync<TableEntity>(partition, "row")).Value;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(1, after.GetInt32("Value"));
    }

    [Fact]
    public async Task ARowThatKeepsChanging_GivesUpAfterTheBound_WithAClearException()
    {
        var partition = NewPartition();
        await Table.AddEntityAsync(new TableEntity(partition, "row") { ["Value"] = 0 });
        var decisions = 0;

        var error = await Assert.ThrowsAsync<OptimisticConcurrencyException>(() =>
            Table.UpdateAsync(partition, "row", async (current, ct) =>
            {
                decisions++;
                // Another writer changes the row between our read and our write, every time.
                await Table.UpsertEntityAsync(new TableEntity(partition, "row") { ["Value"] = -decisions }, TableUpdateMode.Replace, ct);
                return EntityChanges.Write(new TableEntity(partition, "row") { ["Value"] = current!.GetInt32("Value")!.Value + 100 }, 0);
            }, default, new OptimisticUpdateOptions { MaxAttempts = 4 }));

        Assert.Equal(4, decisions);
        Assert.Equal(4, error.Attempts);
        Assert.Contains(partition, error.Message);
        Assert.Equal(412, error.InnerException is Azure.RequestFailedException inner ? inner.Status : 0);
        Assert.Equal(-4, (await Table.GetEntityAsync<TableEntity>(partition, "row")).Value.GetInt32("Value"));
    }

    [Fact]
    public async Task TheFirstRead_CanComeFromTheCaller_AndAStaleGuessIsReadAgain()
    {
        var partition = NewPartition();
        await Table.AddEntityAsync(new TableEntity(partition, "row") { ["Value"] = 5 });
        var seen = new List<int?>();

        // The caller guesses "absent": the add loses (409), the helper reads the row and decides again.
        await Table.UpdateAsync(partition, "row", current =>
        {
            seen.Add(current?.GetInt32("Value"));
            return EntityChanges.Write(new TableEntity(partition, "row") { ["Value"] = (current?.GetInt32("Value") ?? 0) + 1 }, 0);
        }, default, new OptimisticUpdateOptions { FirstRead = _ => ValueTask.FromResult<TableEntity?>(null) });

        Assert.Equal([null, 5], seen);
        Assert.Equal(6, (await Table.GetEntityAsync<TableEntity>(partition, "row")).Value.GetInt32("Value"));
    }
}

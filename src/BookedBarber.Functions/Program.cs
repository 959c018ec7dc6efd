using BookedBarber.Payments;
using BookedBarber.Payments.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPaymentsApplication(builder.Configuration);
builder.Services.AddPaymentsTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Build().Run();

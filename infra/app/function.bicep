// The Flex Consumption plan and the Linux function app. App settings live in appsettings.bicep, applied once the
// identity's roles exist, so the app's first start can resolve its Key Vault references.

param name string
param planName string
param identityName string
param storageAccountName string
param deploymentContainerName string

@description('The service name in azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string

@description('CORS_ALLOWED_ORIGINS, comma-separated: the platform answers preflights in front of the app from this list.')
param corsAllowedOrigins string = ''

param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as this identity (the default would be a system-assigned one we do not have).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      // Platform CORS in front of the app, from the same list the application reads. Never credentials: the API
      // authenticates with the Authorization header, not cookies (and '*' must never be combined with them).
      cors: {
        allowedOrigins: empty(corsAllowedOrigins) ? [] : map(split(corsAllowedOrigins, ','), origin => trim(origin))
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 100
        instanceMemoryMB: 2048
      }
      // Flex Consumption takes the worker runtime here; FUNCTIONS_WORKER_RUNTIME must not be an app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'

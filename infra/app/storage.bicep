// The account behind the app's tables and queues, the Functions host (timer leases) and Flex Consumption's
// deployment package. The application creates its own tables and queues at start-up (StorageInitializer),
// so only the deployment container is declared here.

@description('Storage account name: 3-24 lower-case letters and digits.')
param name string

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

param location string
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Identity only: with shared keys off no connection string can exist, let alone leak.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
  }

  resource blobs 'blobServices' = {
    name: 'default'

    resource deployments 'containers' = {
      name: deploymentContainerName
    }
  }
}

output name string = storage.name

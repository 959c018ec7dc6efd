// `azd up` entry point: one resource group holding a Flex Consumption function app, its identity, storage,
// Key Vault and monitoring. Every module is a local file so `bicep build` works offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for every resource; it must offer the Flex Consumption plan.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the user running azd (AZURE_PRINCIPAL_ID), allowed to write Key Vault secrets. Empty to skip.')
param principalId string = ''

@minLength(1)
@description('Issuer the API accepts in bearer tokens (AUTH_ISSUER).')
param authIssuer string

@minLength(1)
@description('Audience the API accepts in bearer tokens (AUTH_AUDIENCE).')
param authAudience string

@description('JWKS URL of the token issuer (AUTH_JWKS_URL). Empty: HS256 with the Key Vault secret auth-signing-key.')
param authJwksUrl string = ''

@description('Origins a browser frontend may call the API from, comma-separated (CORS_ALLOWED_ORIGINS). Empty: none.')
param corsAllowedOrigins string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    deploymentContainerName: 'app-package'
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    userPrincipalId: principalId
  }
}

module functionApp 'app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: 'app-package'
    serviceName: 'api' // the service's name in azure.yaml
    corsAllowedOrigins: corsAllowedOrigins
    location: location
    tags: tags
  }
}

module appSettings 'app/appsettings.bicep' = {
  name: 'appsettings'
  scope: rg
  params: {
    functionAppName: functionApp.outputs.name
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    authIssuer: authIssuer
    authAudience: authAudience
    authJwksUrl: authJwksUrl
    corsAllowedOrigins: corsAllowedOrigins
  }
  // Roles first: the settings restart the app, and its Key Vault references resolve only once it may read secrets.
  dependsOn: [rbac]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output RESOURCE_GROUP string = rg.name
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

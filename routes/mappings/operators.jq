# The operators Monetix offers now -> POST /v2/info/mobile/sale/list. Input: projectId.
{general: {project_id: .projectId}}

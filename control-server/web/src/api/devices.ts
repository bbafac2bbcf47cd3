import { http } from './http'
import type { Device, DeviceEvent, EnrolmentCode } from './types'

const d = (id: string) => `/api/devices/${encodeURIComponent(id)}`

export const listDevices = () => http.get<Device[]>('/api/devices')
export const getDevice = (id: string) => http.get<Device>(d(id))
export const createDevice = (body: Partial<Device>) => http.post<Device>('/api/devices', body)
export const enrolmentCode = (id: string) => http.post<EnrolmentCode>(`${d(id)}/enrolment-code`, {})
export const disableDevice = (id: string) => http.post<Device>(`${d(id)}/disable`, {})
export const enableDevice = (id: string) => http.post<Device>(`${d(id)}/enable`, {})
export const deviceEvents = (id: string) => http.get<DeviceEvent[]>(`${d(id)}/events`)

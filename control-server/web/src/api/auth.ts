import { http } from './http'
import type { Department, Me, User } from './types'

export const csrf = () => http.get<void>('/api/auth/csrf', { quiet401: true })
export const login = (username: string, password: string) =>
  http.post<Me>('/api/auth/login', { username, password }, { quiet401: true })
export const logout = () => http.post<void>('/api/auth/logout')
export const me = () => http.get<Me>('/api/me', { quiet401: true })

export const searchUsers = (q?: string) => http.get<User[]>('/api/users', { query: { q } })
export const listDepartments = () => http.get<Department[]>('/api/departments')

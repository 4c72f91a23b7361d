import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles, UsersService, type UserView } from '@sanbao/auth';
import { uuidParam } from '../common/params';
import { ApiErrorResponses } from '../common/responses/error.response';
import { UserResponse } from './responses/admin.response';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './users.dto';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrorResponses(401, 403, 422)
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user (without password hashes), by username' })
  @ApiOkResponse({ type: [UserResponse] })
  list(@Query() query: UserQueryDto): Promise<UserView[]> {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with one role and its scope' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrorResponses(409)
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrorResponses(400, 404)
  get(@Param('id', uuidParam) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrorResponses(400, 404)
  @ApiOperation({
    summary: 'Change name, role and scope, reset the password, or deactivate a user',
    description: 'A new password, a changed scope or deactivation ends every earlier session.',
  })
  update(@Param('id', uuidParam) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, body);
  }
}
